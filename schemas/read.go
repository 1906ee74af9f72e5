package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/evidraft/evidraft/locales"
)

// MaxDraftSize is the largest draft ReadDraft accepts, in bytes. A real
// request is a few tens of kilobytes, but a pasted log or a list of 10,000
// accounts must be kept, not refused (the schema's length limits report
// it as a finding); the limit only stops a runaway paste from freezing
// the page.
const MaxDraftSize = 16 << 20

// ReadDraft decodes a draft's JSON text strictly: valid UTF-8, one value,
// no property named twice in an object, at most MaxDraftSize bytes. Numbers
// are kept as json.Number. A syntax error gives its line and column.
func ReadDraft(data []byte) (any, error) {
	if len(data) > MaxDraftSize {
		return nil, &locales.Error{Code: "error.json.tooLarge", Params: map[string]any{"Limit": MaxDraftSize}}
	}
	if !utf8.Valid(data) {
		return nil, &locales.Error{Code: "error.json.utf8"}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if v, ok := scanDraft(data); ok {
		return v, nil
	}
	return readTokens(data)
}

// readTokens is ReadDraft's careful path, with encoding/json's token
// reader: it finds what is wrong and where.
func readTokens(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	r := reader{dec: dec, data: data}
	v, err := r.value()
	if err != nil {
		return nil, r.syntax(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("unexpected data after the end of the draft")
		}
		return nil, r.syntax(err)
	}
	return v, nil
}

type reader struct {
	dec  *json.Decoder
	data []byte
	dup  *locales.Error
}

func (r *reader) value() (any, error) {
	tok, err := r.dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		obj := map[string]any{}
		for r.dec.More() {
			kt, err := r.dec.Token()
			if err != nil {
				return nil, err
			}
			key, ok := kt.(string)
			if !ok {
				return nil, fmt.Errorf("object key is not a string")
			}
			if _, dup := obj[key]; dup {
				line, col := position(r.data, r.dec.InputOffset())
				r.dup = &locales.Error{Code: "error.json.duplicate", Params: map[string]any{"Name": key, "Line": line, "Column": col}}
				return nil, r.dup
			}
			v, err := r.value()
			if err != nil {
				return nil, err
			}
			obj[key] = v
		}
		_, err := r.dec.Token()
		return obj, err
	case json.Delim('['):
		arr := []any{}
		for r.dec.More() {
			v, err := r.value()
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err := r.dec.Token()
		return arr, err
	}
	return tok, nil
}

// syntax turns a decoding error into an error.json.syntax *locales.Error
// with line and column.
func (r *reader) syntax(err error) error {
	if r.dup != nil {
		return r.dup
	}
	off := r.dec.InputOffset()
	// The token reader's offsets point at the start of the token; the
	// whole-text scanner of Unmarshal points at the offending byte.
	var se *json.SyntaxError
	var scratch any
	if errors.As(json.Unmarshal(r.data, &scratch), &se) && se.Offset > 0 {
		off, err = se.Offset-1, se // Offset counts the offending byte
	}
	detail := err.Error()
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		detail = "the text ends too early"
		off = int64(len(r.data))
	}
	line, col := position(r.data, off)
	return &locales.Error{Code: "error.json.syntax", Params: map[string]any{"Detail": detail, "Line": line, "Column": col}, Err: err}
}

// position converts a byte offset into a 1-based line and column, counting
// columns in characters.
func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, r := range string(data[:off]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// ReadDraftObject is ReadDraft for a draft, which must be a JSON object:
// anything else is error.json.notObject.
func ReadDraftObject(data []byte) (map[string]any, error) {
	v, err := ReadDraft(data)
	if err != nil {
		return nil, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, &locales.Error{Code: "error.json.notObject"}
	}
	return obj, nil
}
