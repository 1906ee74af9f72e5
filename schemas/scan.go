package schemas

import (
	"encoding/json"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// scanDraft decodes JSON text in one pass, into what ReadDraft returns:
// map[string]any, []any, string, json.Number, bool and nil. It is
// ReadDraft's fast path (encoding/json's token reader made reading a
// third of validating). It reports only whether the text is a valid
// draft: on any doubt (a syntax error, a key given twice, a string it
// does not decode itself) ok is false and ReadDraft reads the text again
// with encoding/json, which gives the error with its line and column.
// data must be valid UTF-8; FuzzScanDraft checks that both agree.
func scanDraft(data []byte) (v any, ok bool) {
	s := scanner{data: data}
	s.space()
	v, ok = s.value(0)
	if !ok {
		return nil, false
	}
	s.space()
	return v, s.i == len(s.data)
}

type scanner struct {
	data []byte
	i    int
}

// maxDepth bounds nesting, as encoding/json does (10,000 levels).
const maxDepth = 10000

func (s *scanner) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) value(depth int) (any, bool) {
	if s.i >= len(s.data) || depth > maxDepth {
		return nil, false
	}
	switch c := s.data[s.i]; {
	case c == '{':
		return s.object(depth)
	case c == '[':
		return s.array(depth)
	case c == '"':
		return s.str()
	case c == 't':
		return true, s.literal("true")
	case c == 'f':
		return false, s.literal("false")
	case c == 'n':
		return nil, s.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	}
	return nil, false
}

func (s *scanner) literal(word string) bool {
	if len(s.data)-s.i < len(word) || string(s.data[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

func (s *scanner) object(depth int) (any, bool) {
	obj := map[string]any{}
	if s.open('}') {
		return obj, true
	}
	for {
		s.space()
		if s.i >= len(s.data) || s.data[s.i] != '"' {
			return nil, false
		}
		k, ok := s.str()
		if !ok {
			return nil, false
		}
		key := k.(string)
		if _, dup := obj[key]; dup {
			return nil, false
		}
		s.space()
		if s.i >= len(s.data) || s.data[s.i] != ':' {
			return nil, false
		}
		s.i++
		s.space()
		v, ok := s.value(depth + 1)
		if !ok {
			return nil, false
		}
		obj[key] = v
		if more, ok := s.after('}'); !ok || !more {
			return obj, ok
		}
	}
}

func (s *scanner) array(depth int) (any, bool) {
	arr := []any{}
	if s.open(']') {
		return arr, true
	}
	for {
		s.space()
		v, ok := s.value(depth + 1)
		if !ok {
			return nil, false
		}
		arr = append(arr, v)
		if more, ok := s.after(']'); !ok || !more {
			return arr, ok
		}
	}
}

// open steps over an object's or array's opening bracket and reports
// whether the closing one follows at once (it is then stepped over too).
func (s *scanner) open(close byte) (empty bool) {
	s.i++
	s.space()
	if s.i < len(s.data) && s.data[s.i] == close {
		s.i++
		return true
	}
	return false
}

// after reads what follows a member or an element: a comma (more
// follow) or the closing bracket; anything else is not JSON.
func (s *scanner) after(close byte) (more, ok bool) {
	s.space()
	if s.i >= len(s.data) {
		return false, false
	}
	switch s.data[s.i] {
	case ',':
		s.i++
		return true, true
	case close:
		s.i++
		return false, true
	}
	return false, false
}

// str reads a string. Without escapes it is a copy of the bytes; with
// them, each is decoded, an unpaired surrogate as U+FFFD like
// encoding/json.
func (s *scanner) str() (any, bool) {
	s.i++ // "
	start := s.i
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			out := string(s.data[start:s.i])
			s.i++
			return out, true
		case c == '\\':
			return s.escaped(start)
		case c < 0x20:
			return nil, false
		}
		s.i++
	}
	return nil, false
}

func (s *scanner) escaped(start int) (any, bool) {
	buf := append([]byte(nil), s.data[start:s.i]...)
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			s.i++
			return string(buf), true
		case c < 0x20:
			return nil, false
		case c != '\\':
			buf = append(buf, c)
			s.i++
			continue
		}
		if s.i+1 >= len(s.data) {
			return nil, false
		}
		e := s.data[s.i+1]
		s.i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := s.hex4()
			if !ok {
				return nil, false
			}
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if s.i+1 < len(s.data) && s.data[s.i] == '\\' && s.data[s.i+1] == 'u' {
					save := s.i
					s.i += 2
					if r2, ok = s.hex4(); !ok {
						return nil, false
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						buf = utf8.AppendRune(buf, d)
						continue
					}
					s.i = save // not a pair: the second escape is read on its own
				}
				r = utf8.RuneError
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return nil, false
		}
	}
	return nil, false
}

func (s *scanner) hex4() (rune, bool) {
	if len(s.data)-s.i < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(s.data[s.i:s.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	s.i += 4
	return rune(n), true
}

// number reads a number in JSON's grammar and keeps its text.
func (s *scanner) number() (any, bool) {
	start := s.i
	if s.data[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(s.data) && s.data[s.i] == '0':
		s.i++
	case s.i < len(s.data) && s.data[s.i] >= '1' && s.data[s.i] <= '9':
		s.digits()
	default:
		return nil, false
	}
	if s.i < len(s.data) && s.data[s.i] == '.' {
		s.i++
		if !s.digits() {
			return nil, false
		}
	}
	if s.i < len(s.data) && (s.data[s.i] == 'e' || s.data[s.i] == 'E') {
		s.i++
		if s.i < len(s.data) && (s.data[s.i] == '+' || s.data[s.i] == '-') {
			s.i++
		}
		if !s.digits() {
			return nil, false
		}
	}
	return json.Number(s.data[start:s.i]), true
}

func (s *scanner) digits() bool {
	start := s.i
	for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}
