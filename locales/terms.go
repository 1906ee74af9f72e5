package locales

import (
	"encoding/json"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Terms returns a Localizer of l's language that writes the legal terms
// of instrument where that instrument's authentic text words them
// differently from the catalog. The UN Convention against Cybercrime has
// an authentic Arabic text whose terms differ from the Budapest-style
// ones the Arabic catalog uses («معلومات المشترك», not «معلومات
// المشتركين»): a request resting on the UN Convention uses them. The
// glossary of each language lists, per term, its forms under each
// instrument ("variants", aligned lists); l itself is returned when the
// language has none for instrument.
func (l *Localizer) Terms(instrument string) *Localizer {
	if instrument == "" || l.repl != nil {
		return l
	}
	key := l.tag.String() + "\x00" + instrument
	if v, ok := termLocalizers.Load(key); ok {
		return v.(*Localizer)
	}
	pairs := termPairs(l.tag.String(), instrument)
	out := l
	if len(pairs) > 0 {
		out = &Localizer{tag: l.tag, p: l.p, repl: &termReplacer{pairs: pairs}}
	}
	actual, _ := termLocalizers.LoadOrStore(key, out)
	return actual.(*Localizer)
}

var termLocalizers sync.Map // tag + instrument -> *Localizer

// glossaryTerm is one entry of a language's glossary: the English term,
// the accepted forms of its translation, and its forms per instrument
// where instruments word it differently.
type glossaryTerm struct {
	ID       string              `json:"id"`
	En       string              `json:"en"`
	Forms    []string            `json:"forms"`
	Note     string              `json:"note,omitempty"`
	Variants map[string][]string `json:"variants,omitempty"`
}

// glossaryTerms returns the terms of a language's glossary.json, nil if none.
func glossaryTerms(lang string) []glossaryTerm {
	data, err := fs.ReadFile(files, path.Join(lang, "glossary.json"))
	if err != nil {
		return nil
	}
	var g struct {
		Terms []glossaryTerm `json:"terms"`
	}
	if json.Unmarshal(data, &g) != nil {
		return nil
	}
	return g.Terms
}

// termPairs lists old, new pairs that put instrument's forms in place of
// every other instrument's, longest first so that no form is cut inside
// a longer one.
func termPairs(lang, instrument string) []string {
	type pair struct{ from, to string }
	var ps []pair
	for _, t := range glossaryTerms(lang) {
		want, ok := t.Variants[instrument]
		if !ok {
			continue
		}
		for other, forms := range t.Variants {
			if other == instrument {
				continue
			}
			for i, f := range forms {
				if i < len(want) && f != want[i] {
					ps = append(ps, pair{f, want[i]})
				}
			}
		}
	}
	slices.SortFunc(ps, func(a, b pair) int { return len(b.from) - len(a.from) })
	var out []string
	for _, p := range ps {
		out = append(out, p.from, p.to)
	}
	return out
}

// termReplacer replaces whole words only: «معلومات المشترك» must not
// match the start of «معلومات المشتركين».
type termReplacer struct {
	pairs []string // old, new, ...; longest old first
}

func (r *termReplacer) Replace(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		matched := false
		if i == 0 || !wordRune(s[:i], true) {
			for k := 0; k+1 < len(r.pairs); k += 2 {
				old := r.pairs[k]
				if strings.HasPrefix(s[i:], old) && !wordRune(s[i+len(old):], false) {
					b.WriteString(r.pairs[k+1])
					i += len(old)
					matched = true
					break
				}
			}
		}
		if !matched {
			_, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+n])
			i += n
		}
	}
	return b.String()
}

// wordRune reports whether the rune at the end (last) or the start of s
// continues a word. Before a term, the one-letter Arabic prefixes (wa-,
// bi-, li-, fa-, ka-) do not count: «وبيانات» still holds «بيانات».
func wordRune(s string, last bool) bool {
	var r rune
	if last {
		r, _ = utf8.DecodeLastRuneInString(s)
		if strings.ContainsRune("وبلفك", r) {
			prev, _ := utf8.DecodeLastRuneInString(s[:len(s)-utf8.RuneLen(r)])
			return unicode.IsLetter(prev) && !strings.ContainsRune("وبلفك", prev)
		}
	} else {
		r, _ = utf8.DecodeRuneInString(s)
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func (l *Localizer) fix(s string) string {
	if l.repl == nil {
		return s
	}
	return l.repl.Replace(s)
}
