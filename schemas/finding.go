package schemas

import (
	"fmt"
	"time"

	"golang.org/x/text/language"
)

// Severity says whether a finding blocks finalising a request.
type Severity int

const (
	// Error: the request would be rejected or useless. Blocks finalising,
	// never saving.
	Error Severity = iota
	// Warning: the request is weaker than it should be. Never blocks.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText writes the severity as "error" or "warning".
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads "error" or "warning", so that programs can decode
// the CLI's and the browser API's JSON into Findings.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "error":
		*s = Error
	case "warning":
		*s = Warning
	default:
		return fmt.Errorf("schemas: unknown severity %q", b)
	}
	return nil
}

// Mode chooses how strictly a draft is checked.
type Mode int

const (
	// Draft reports everything the draft lacks so far; a draft is saved
	// whatever it contains.
	Draft Mode = iota
	// Final also requires what only a finished request needs, such as the
	// signature block.
	Final
)

// Finding is one problem found in a draft.
type Finding struct {
	Pointer  string         `json:"pointer"`  // JSON Pointer into the draft: "/requestingAuthority/contact/email"
	Code     string         `json:"code"`     // stable id: "required", "format.idn-email", "range.order"
	Severity Severity       `json:"severity"` // Error or Warning
	Params   map[string]any `json:"-"`        // parameters of the message, by placeholder name, not localised; lower-case names are data, not placeholders ("expected": the offset offset.zone wants)
	Message  string         `json:"message"`  // localised, names the field by its title
	Fix      *Fix           `json:"fix,omitempty"`
}

// Fix is a correction the form can offer with a finding: the value to
// write instead, and the button's text.
type Fix struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// Result is the outcome of validating one draft.
type Result struct {
	Kind     string    `json:"kind"`
	Valid    bool      `json:"valid"` // no finding of severity Error
	Findings []Finding `json:"findings"`
}

// Options control Validate.
type Options struct {
	Lang language.Tag // language of the messages; English if zero
	Mode Mode         // Draft or Final
	Now  time.Time    // the current time, for the checks against today (a passed deadline, a range in the future); zero skips them

	Kind string // kind to assume when the draft has no "kind"
}
