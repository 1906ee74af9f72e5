package schemas

import (
	"slices"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
)

// Form is what the editor shows for a draft: the task list of sections and
// their fields, each with its label, hint, widget, flags, value and
// findings in the user's language. It is plain JSON for the browser.
type Form struct {
	Kind     string        `json:"kind"`
	Title    string        `json:"title"` // the kind's title
	Lang     string        `json:"lang"`
	Dir      string        `json:"dir"`
	Valid    bool          `json:"valid"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	Sections []*Section    `json:"sections"`
	Findings []FormFinding `json:"findings"` // all of them, in form order
	Hidden   []string      `json:"hidden"`   // pointers of answers kept but not part of the request, sorted
	// Expiry is when a sent preservation may end (see ExpiryOf), or when
	// the data a sent EPOC orders are due (DueOf); nil for other kinds, for a preservation not recorded as sent, and without
	// FormOptions.Now.
	Expiry *ExpiryNote `json:"expiry,omitempty"`
}

// FormFinding is a finding of the form with the section that holds it.
type FormFinding struct {
	Finding
	Section string `json:"section"` // the id of the section whose fields hold Pointer, "" when none does
}

// Field is one question, a group of them, or a repeatable list.
//
// Widgets: text, textarea, number, checkbox, radios, select, checkboxes,
// date, datetime, timezone, country, language, email, tel, url, group
// (Fields), groups (Items, each a group) and list (Items, each a scalar).
type Field struct {
	Pointer   string    `json:"pointer"`
	Name      string    `json:"name"`
	Widget    string    `json:"widget"`
	Label     string    `json:"label"`
	Hint      string    `json:"hint,omitempty"`
	Required  bool      `json:"required"`
	Visible   bool      `json:"visible"`
	Value     any       `json:"value,omitempty"`
	Options   []Option  `json:"options,omitempty"`
	Fields    []*Field  `json:"fields,omitempty"`
	Items     []*Field  `json:"items,omitempty"`
	ItemLabel string    `json:"itemLabel,omitempty"` // label of one item of a list, without its number
	MinItems  int       `json:"minItems,omitempty"`
	MaxItems  int       `json:"maxItems,omitempty"`
	MaxLength int       `json:"maxLength,omitempty"`
	Findings  []Finding `json:"findings,omitempty"`
	Text      string    `json:"text,omitempty"` // the answer as it is shown and printed, "" if none
	Dir       string    `json:"dir,omitempty"`  // "ltr" for identifiers, which stay left to right
	Also      *Also     `json:"also,omitempty"` // a value to set with this one
}

// Option is one allowed value with its label.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// FormOptions control BuildForm.
type FormOptions struct {
	Lang language.Tag
	Mode Mode
	Now  time.Time // as in Options: the current time; zero skips the checks against today
	Rows bool      // fill each section's Rows, the check-answers page
}

// BuildForm computes the editor's model of a draft (as ReadDraft decodes
// it): sections, fields and findings. Fields that a condition hides (an
// IP address's port when the identifier is an e-mail, the 24/7 contact
// when the channel is not the 24/7 network) are marked not visible; their
// values stay in the draft but are left out of validation and printing.
func BuildForm(v any, opts FormOptions) (*Form, error) {
	res, p, err := validateDraft(v, Options{Lang: opts.Lang, Mode: opts.Mode, Now: opts.Now}, true)
	if err != nil {
		return nil, err
	}
	k, _ := KindByID(res.Kind)
	obj := v.(map[string]any)
	loc := localizerFor(opts.Lang, obj)
	f := &Form{Kind: k.ID, Title: loc.Text(k.Title), Lang: opts.Lang.String(), Dir: locales.Dir(opts.Lang),
		Valid: res.Valid, Hidden: p.hidden}
	if f.Hidden == nil {
		f.Hidden = []string{}
	}
	b := &formBuilder{kind: k, loc: loc, findings: map[string][]Finding{}, infos: p.infos}
	for _, fd := range res.Findings {
		b.findings[fd.Pointer] = append(b.findings[fd.Pointer], fd)
	}
	top := b.field(expandBase([]*jsonschema.Schema{k.compiledSchema()}), "", "", obj, true, true)
	all := b.expandMissing(top, res.Findings)
	all = b.translationSection(top, obj, all)
	f.Sections = sections(top, loc)
	f.Findings = make([]FormFinding, 0, len(all))
	for _, fd := range all {
		f.Findings = append(f.Findings, FormFinding{Finding: fd, Section: sectionAt(f.Sections, fd.Pointer)})
		if fd.Severity == Error {
			f.Errors++
		} else {
			f.Warnings++
		}
	}
	for _, s := range f.Sections {
		s.count(f.Findings, f.Hidden)
		if opts.Rows {
			s.Rows = s.rows(loc)
		}
	}
	if e, ok := ExpiryOf(obj, opts.Now); ok && !opts.Now.IsZero() {
		f.Expiry = e.Note(loc)
	}
	if d, ok := DueOf(obj, opts.Now); ok && !opts.Now.IsZero() {
		f.Expiry = d.Note(loc) // an EPOC's: when the data are due
	}
	return f, nil
}

// expandMissing replaces the finding that a required group is missing
// with one finding for each required question inside it, so that the
// page lists and marks every answer the section lacks at once, not one
// group, then its questions, round after round. A group without required
// questions keeps its own finding.
func (b *formBuilder) expandMissing(top *Field, all []Finding) []Finding {
	leaves := map[string][]Finding{}
	walkFields(top, func(f *Field) {
		if f.Widget != "group" || f.Value != nil {
			return
		}
		i := slices.IndexFunc(f.Findings, func(fd Finding) bool { return fd.Code == "required" && fd.Severity == Error })
		if i < 0 {
			return
		}
		var out []Finding
		for _, leaf := range missingLeaves(f) {
			fd := Finding{Pointer: leaf.Pointer, Code: "required", Severity: Error}
			fd.Message = b.loc.Message("finding.required", map[string]any{"Field": b.kind.FieldLabel(leaf.Pointer, b.loc)})
			leaf.Findings = append(leaf.Findings, fd)
			out = append(out, fd)
		}
		if len(out) == 0 {
			return
		}
		leaves[f.Pointer] = out
		f.Findings = slices.Delete(slices.Clone(f.Findings), i, i+1)
	})
	if len(leaves) == 0 {
		return all
	}
	var out []Finding
	for _, fd := range all {
		if l, ok := leaves[fd.Pointer]; ok && fd.Code == "required" && fd.Severity == Error {
			out = append(out, l...)
			continue
		}
		out = append(out, fd)
	}
	return out
}

// walkFields calls fn for every field inside f, then for f.
func walkFields(f *Field, fn func(*Field)) {
	for _, c := range f.Fields {
		walkFields(c, fn)
	}
	for _, c := range f.Items {
		walkFields(c, fn)
	}
	fn(f)
}

// missingLeaves lists the required, visible questions of an absent group,
// looking into the required groups inside it.
func missingLeaves(f *Field) []*Field {
	var out []*Field
	for _, c := range f.Fields {
		switch {
		case !c.Required || !c.Visible:
		case c.Widget == "group":
			out = append(out, missingLeaves(c)...)
		default:
			out = append(out, c)
		}
	}
	return out
}
