package schemas

import (
	"fmt"
	"unicode"

	"github.com/evidraft/evidraft/locales"
)

// Invisible characters: a bidi control, a zero-width character or any
// other control or format character in an identifier makes the printed
// e-mail address read right and copy wrong. Identifiers refuse them, with
// a finding that names the character; free text keeps them (Arabic prose
// uses the right-to-left mark).

// invisibleRune returns the first character of s that a reader cannot
// see: a control (Cc), a format character (Cf: the bidi controls, the
// zero-width space and joiners, the byte order mark, the soft hyphen...)
// or a line or paragraph separator.
func invisibleRune(s string) (rune, bool) {
	for _, r := range s {
		if locales.Invisible(r) {
			return r, true
		}
	}
	return 0, false
}

// checkVisible is the "identifier" format, which the schemas give to every
// identifier's value: no invisible character. Other formats refuse such
// characters on their own; collect reports all of them as
// identifier.invisible.
func checkVisible(s string) error {
	if r, ok := invisibleRune(s); ok {
		return fmt.Errorf("invisible character %s", locales.CodePoint(r))
	}
	return nil
}

// invisibleParams returns the parameters of an identifier.invisible
// finding when the value v holds an invisible character.
func invisibleParams(v any) (map[string]any, bool) {
	s, ok := v.(string)
	if !ok {
		return nil, false
	}
	r, ok := invisibleRune(s)
	if !ok {
		return nil, false
	}
	return map[string]any{"Char": locales.CodePoint(r), "Name": charName(r)}, true
}

// charNames are the Unicode names (or, for controls, the aliases) of the
// invisible characters most often pasted with an identifier.
var charNames = map[rune]string{
	0x0000: "NULL",
	0x0009: "CHARACTER TABULATION",
	0x000A: "LINE FEED",
	0x000D: "CARRIAGE RETURN",
	0x0085: "NEXT LINE",
	0x00AD: "SOFT HYPHEN",
	0x061C: "ARABIC LETTER MARK",
	0x180E: "MONGOLIAN VOWEL SEPARATOR",
	0x200B: "ZERO WIDTH SPACE",
	0x200C: "ZERO WIDTH NON-JOINER",
	0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK",
	0x200F: "RIGHT-TO-LEFT MARK",
	0x2028: "LINE SEPARATOR",
	0x2029: "PARAGRAPH SEPARATOR",
	0x202A: "LEFT-TO-RIGHT EMBEDDING",
	0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2060: "WORD JOINER",
	0x2061: "FUNCTION APPLICATION",
	0x2062: "INVISIBLE TIMES",
	0x2063: "INVISIBLE SEPARATOR",
	0x2064: "INVISIBLE PLUS",
	0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
	0xFEFF: "ZERO WIDTH NO-BREAK SPACE",
}

// charName returns the Unicode name of an invisible character, or its
// general category for the rarer ones.
func charName(r rune) string {
	if n, ok := charNames[r]; ok {
		return n
	}
	if unicode.Is(unicode.Cc, r) {
		return "CONTROL CHARACTER"
	}
	return "FORMAT CHARACTER"
}
