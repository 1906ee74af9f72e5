package locales

import (
	"fmt"
	"strings"
	"unicode"
)

// Invisible reports whether a reader cannot see r: a control (Cc), a
// format character (Cf: the bidi controls, the zero-width space and
// joiners, the byte order mark, the soft hyphen...) or a line or paragraph
// separator.
func Invisible(r rune) bool { return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) }

// CodePoint writes r as U+XXXX.
func CodePoint(r rune) string { return fmt.Sprintf("U+%04X", r) }

// Reveal writes the characters of s that would make it read as something
// else as their code points in angle brackets (⟨U+202E⟩), for display: in
// an identifier, every invisible character (Invisible: the schemas refuse
// them there, and the reader must see where one is); in free text, the
// bidi embeddings and overrides U+202A–U+202E, which reorder or reverse
// the text after them ("REF-", U+202E, "2024" would read "REF-4202").
// Marks, joiners and isolates stay in free text: Arabic and Persian prose
// need them, and an isolate changes nothing outside itself. The page draws titles by the free-text rule
// (site/js/dom.js, shown); coded errors reveal their text parameters
// (Localizer.Error).
func Reveal(s string, identifier bool) string {
	misleads := func(r rune) bool {
		if identifier {
			return Invisible(r)
		}
		return r >= 0x202A && r <= 0x202E
	}
	i := strings.IndexFunc(s, misleads)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if misleads(r) {
			b.WriteString("⟨" + CodePoint(r) + "⟩")
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
