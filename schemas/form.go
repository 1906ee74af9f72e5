package schemas

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
)

// Form is what the editor shows for a draft: the task list of sections and
// their fields, each with its label, hint, widget, flags, value and
// findings in the user's language. It is plain JSON for the browser.
type Form struct {
	Kind     string     `json:"kind"`
	Title    string     `json:"title"` // the kind's title
	Lang     string     `json:"lang"`
	Dir      string     `json:"dir"`
	Valid    bool       `json:"valid"`
	Errors   int        `json:"errors"`
	Warnings int        `json:"warnings"`
	Sections []*Section `json:"sections"`
	Findings []Finding  `json:"findings"` // all of them, in form order
	Hidden   []string   `json:"hidden"`   // pointers of answers kept but not part of the request
	// Expiry is when a sent preservation may end (see ExpiryOf), or when
	// the data a sent EPOC orders are due (DueOf); nil for other kinds, for a preservation not recorded as sent, and without
	// FormOptions.Now.
	Expiry *ExpiryNote `json:"expiry,omitempty"`
}

// Section statuses, as the task list shows them.
const (
	NotStarted = "notStarted"
	InProgress = "inProgress"
	Completed  = "completed"
	Problem    = "problem"
)

// Section is one page of the editor and one entry of the task list.
type Section struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Status   string   `json:"status"`
	Errors   int      `json:"errors"`
	Warnings int      `json:"warnings"`
	Fields   []*Field `json:"fields"`
	// AfterFinal: the section records what happened after the request
	// was sent, so it stays editable once the draft is finalised.
	AfterFinal bool `json:"afterFinal,omitempty"`
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

// sectionOf puts each top-level property in a section of the task list;
// properties not named here are details of the measure. The order of
// sectionOrder is the order of the printed request.
var sectionOf = map[string]string{
	"reference": "details", "issueDate": "details", "issuedAt": "details", "language": "details", "translationLanguage": "details",
	"requestingAuthority": "authority",
	"requestedState":      "recipient", "channel": "recipient",
	"legalBasis":    "legalBasis",
	"investigation": "case", "offences": "case", "facts": "case", "persons": "case", "emergency": "case",
	"dataSought": "data", "itemsOrAccounts": "data", "assistance": "data", "identifiedProvider": "data",
	"trafficData": "data", "transmissionPath": "data",
	"safeguards": "safeguards", "dataProtection": "safeguards", "confidentiality": "safeguards",
	"urgency": "urgency", "earlierRequests": "urgency",
	"signature": "signature", "annexes": "signature", "translations": "translation",
	"tracking": "tracking",
	"kind":     "", "schemaVersion": "",
	// the EU certificates
	"languageBasis": "details", "validatingAuthority": "authority", "addressee": "recipient", "notification": "recipient",
	"userInformation": "safeguards", "certification": "signature",
	// the Second Additional Protocol's direct requests
	"underProtocol": "legalBasis", "specificInvestigation": "legalBasis", "domesticGrounds": "legalBasis",
	"seekingAuthority": "authority", "domainName": "data", "dataElements": "data", "registrationPeriod": "data",
}

// SectionOrder lists the section ids in task-list and print order.
var SectionOrder = []string{"details", "authority", "recipient", "legalBasis", "case", "data", "measure", "safeguards", "urgency", "signature", "translation", "tracking"}

// SectionOf returns the section a top-level property belongs to, "" for
// the format's own properties (kind, schemaVersion).
func SectionOf(prop string) string {
	if s, ok := sectionOf[prop]; ok {
		return s
	}
	return "measure"
}

// FormOptions control BuildForm.
type FormOptions struct {
	Lang language.Tag
	Mode Mode
	Now  time.Time // as in Options: the current time; zero skips the checks against today
}

// BuildForm computes the editor's model of a draft (as ReadDraft decodes
// it): sections, fields and findings. Fields that a condition hides (an
// IP address's port when the identifier is an e-mail, the 24/7 contact
// when the channel is not the 24/7 network) are marked not visible; their
// values stay in the draft but are left out of validation and printing.
func BuildForm(v any, opts FormOptions) (*Form, error) {
	res, err := ValidateValue(v, Options{Lang: opts.Lang, Mode: opts.Mode, Now: opts.Now})
	if err != nil {
		return nil, err
	}
	k, _ := KindByID(res.Kind)
	obj := v.(map[string]any)
	loc := localizerFor(opts.Lang, obj)
	f := &Form{Kind: k.ID, Title: loc.Text(k.Title), Lang: opts.Lang.String(), Dir: locales.Dir(opts.Lang),
		Valid: res.Valid, Findings: res.Findings, Hidden: []string{}}
	b := &formBuilder{kind: k, loc: loc, findings: map[string][]Finding{}, form: f}
	for _, fd := range res.Findings {
		b.findings[fd.Pointer] = append(b.findings[fd.Pointer], fd)
	}
	top := b.field(expandBase([]*jsonschema.Schema{k.compiledSchema()}), "", "", obj, true, true)
	f.Findings = b.expandMissing(top, f.Findings)
	f.Findings = b.translationSection(top, obj, f.Findings)
	bySection := map[string]*Section{}
	for _, fd := range top.Fields {
		id := SectionOf(fd.Name)
		if id == "" || fd.Name == "translations" && !fd.Visible {
			continue
		}
		s := bySection[id]
		if s == nil {
			s = &Section{ID: id, Title: loc.Text("section." + id), AfterFinal: id == "tracking"}
			bySection[id] = s
		}
		s.Fields = append(s.Fields, fd)
	}
	for _, id := range SectionOrder {
		if s := bySection[id]; s != nil {
			s.Status = sectionStatus(s, f.Findings)
			f.Sections = append(f.Sections, s)
		}
	}
	if e, ok := ExpiryOf(obj, opts.Now); ok && !opts.Now.IsZero() {
		f.Expiry = e.Note(loc)
	}
	if d, ok := DueOf(obj, opts.Now); ok && !opts.Now.IsZero() {
		f.Expiry = d.Note(loc) // an EPOC's: when the data are due
	}
	for _, fd := range f.Findings {
		if fd.Severity == Error {
			f.Errors++
		} else {
			f.Warnings++
		}
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

// sectionStatus: not started without any answer; completed without
// errors; in progress while the only errors are missing answers; a
// problem when an answer is wrong.
func sectionStatus(s *Section, all []Finding) string {
	answered := false
	for _, fd := range s.Fields {
		if fd.Value != nil {
			answered = true
		}
	}
	wrong := false
	for _, fd := range all {
		if !s.contains(fd.Pointer) {
			continue
		}
		if fd.Severity == Error {
			s.Errors++
			if fd.Code != "required" && fd.Code != "minItems" {
				wrong = true
			}
		} else {
			s.Warnings++
		}
	}
	switch {
	case !answered:
		if s.Errors > 0 && wrong {
			return Problem
		}
		return NotStarted
	case wrong:
		return Problem
	case s.Errors > 0:
		return InProgress
	}
	return Completed
}

// contains reports whether a pointer is one of the section's fields or
// inside one.
func (s *Section) contains(ptr string) bool {
	for _, fd := range s.Fields {
		if ptr == fd.Pointer || len(ptr) > len(fd.Pointer) && ptr[:len(fd.Pointer)] == fd.Pointer && ptr[len(fd.Pointer)] == '/' {
			return true
		}
	}
	return false
}

type formBuilder struct {
	kind     *Kind
	loc      *locales.Localizer
	findings map[string][]Finding
	form     *Form
}

// field builds the field for the value v at ptr, described by the schemas
// in set (already expanded).
func (b *formBuilder) field(set []*jsonschema.Schema, ptr, name string, v any, required, visible bool) *Field {
	f := &Field{Pointer: ptr, Name: name, Required: required, Visible: visible, Findings: b.findings[ptr]}
	for _, s := range set {
		if t := firstTitle(s); t != "" && f.Label == "" {
			f.Label = b.loc.Text(t)
		}
		if s.Description != "" && f.Hint == "" {
			f.Hint = b.loc.Text(s.Description)
		}
	}
	f.Widget = widgetOf(set)
	switch f.Widget {
	case "group":
		obj, _ := v.(map[string]any)
		info := objectOf(set, obj)
		for _, p := range info.order {
			cv, has := obj[p]
			vis := visible && info.visible[p]
			if !info.visible[p] && has {
				b.form.Hidden = append(b.form.Hidden, ptr+"/"+escapePointer(p))
			}
			f.Fields = append(f.Fields, b.field(expandBase(info.props[p]), ptr+"/"+escapePointer(p), p, cv, info.required[p], vis))
		}
		if obj != nil {
			f.Value = true // answered: the group exists
		}
	case "groups", "list":
		items := itemSchemas(set)
		for _, s := range items {
			if t := firstTitle(s); t != "" {
				f.ItemLabel = b.loc.Text(t)
				break
			}
		}
		arr, _ := v.([]any)
		for i, iv := range arr {
			item := b.field(expandBase(items), ptr+"/"+strconv.Itoa(i), strconv.Itoa(i), iv, true, visible)
			item.Label = b.loc.Message("field.item", map[string]any{"Title": f.ItemLabel, "N": i + 1})
			f.Items = append(f.Items, item)
		}
		if arr != nil {
			f.Value = len(arr)
		}
		for _, s := range set {
			if s.MinItems != nil {
				f.MinItems = max(f.MinItems, *s.MinItems)
			}
			if s.MaxItems != nil {
				f.MaxItems = *s.MaxItems
			}
		}
	case "checkboxes":
		f.Options = b.options(itemSchemas(set))
		f.Value = v
	default:
		f.Options = b.options(set)
		f.Value = v
		for _, s := range set {
			if s.MaxLength != nil {
				f.MaxLength = *s.MaxLength
			}
		}
	}
	b.display(f)
	return f
}

// options lists the enum values of set with their localised labels: the
// values every enum of set allows, in the order of the first, so that a
// kind narrows a shared list (the instruments a kind may rest on, the
// data categories it may ask for) without copying it.
func (b *formBuilder) options(set []*jsonschema.Schema) []Option {
	st := mustSchemas()
	var out []Option
	for i, s := range set {
		if s.Enum == nil {
			continue
		}
	values:
		for _, ev := range s.Enum.Values {
			val, ok := ev.(string)
			if !ok {
				continue
			}
			for _, other := range set[i+1:] {
				if other.Enum != nil && !slices.Contains(other.Enum.Values, ev) {
					continue values
				}
			}
			label := val
			for _, ls := range set {
				if l, ok := st.labels[ls.Location][val]; ok {
					label = l
				}
			}
			out = append(out, Option{Value: val, Label: b.loc.Text(label)})
		}
		break
	}
	return out
}

// widgetOf chooses how a value is asked for.
func widgetOf(set []*jsonschema.Schema) string {
	var typ, format string
	var maxLen, enum int
	for _, s := range set {
		if s.Types != nil && !s.Types.IsEmpty() && typ == "" {
			typ = s.Types.ToStrings()[0]
		}
		if s.Format != nil && format == "" && s.Format.Name != "identifier" { // every identifier's value; its type's format decides
			format = s.Format.Name
		}
		if s.MaxLength != nil {
			maxLen = *s.MaxLength
		}
		if s.Enum != nil {
			enum = len(s.Enum.Values)
		}
	}
	switch typ {
	case "object":
		return "group"
	case "array":
		items := itemSchemas(set)
		switch widgetOf(expandBase(items)) {
		case "group":
			return "groups"
		case "radios", "select":
			return "checkboxes"
		}
		return "list"
	case "boolean":
		return "checkbox"
	case "integer", "number":
		return "number"
	}
	if enum > 0 {
		if enum <= 4 {
			return "radios"
		}
		return "select"
	}
	switch format {
	case "date":
		return "date"
	case "date-time":
		return "datetime"
	case "iana-time-zone":
		return "timezone"
	case "country":
		return "country"
	case "bcp47":
		return "language"
	case "idn-email", "email":
		return "email"
	case "e164":
		return "tel"
	case "iri", "uri":
		return "url"
	}
	if maxLen > 500 {
		return "textarea"
	}
	return "text"
}

func itemSchemas(set []*jsonschema.Schema) []*jsonschema.Schema {
	var out []*jsonschema.Schema
	for _, s := range set {
		if s.Items2020 != nil {
			out = append(out, s.Items2020)
		}
	}
	return out
}

// expandBase adds what always applies to the same instance: references and
// allOf branches, but not the then/else of conditions.
func expandBase(in []*jsonschema.Schema) []*jsonschema.Schema { return expand(in, false) }

// objectInfo is what the schemas say of one object, given its value.
type objectInfo struct {
	order    []string
	props    map[string][]*jsonschema.Schema
	required map[string]bool // now, given the value
	visible  map[string]bool // now, given the value
}

// objectOf evaluates an object's conditions against its value: a property
// named only in the then (or else) of a condition, or as the dependant of
// dependentRequired, is visible and required only while that branch
// applies.
func objectOf(set []*jsonschema.Schema, obj map[string]any) objectInfo {
	st := mustSchemas()
	info := objectInfo{props: map[string][]*jsonschema.Schema{}, required: map[string]bool{}, visible: map[string]bool{}}
	conditional := map[string]bool{}
	active := slices.Clone(set)
	for _, s := range set {
		for _, r := range s.Required {
			info.required[r] = true
		}
		if s.If != nil {
			holds := obj != nil && st.holds(s.If, obj)
			for _, br := range []*jsonschema.Schema{s.Then, s.Else} {
				for _, x := range expandBase([]*jsonschema.Schema{br}) {
					for _, r := range x.Required {
						conditional[r] = true
					}
				}
			}
			br := s.Else
			if holds {
				br = s.Then
			}
			for _, x := range expandBase([]*jsonschema.Schema{br}) {
				if x != nil {
					active = append(active, x)
					for _, r := range x.Required {
						info.visible[r] = true
						info.required[r] = true
					}
				}
			}
		}
		for key, deps := range s.DependentRequired {
			for _, d := range deps {
				conditional[d] = true
				if _, ok := obj[key]; ok {
					info.visible[d] = true
					info.required[d] = true
				}
			}
		}
	}
	for _, s := range active {
		for _, p := range st.order[s.Location] {
			if !slices.Contains(info.order, p) {
				info.order = append(info.order, p)
			}
		}
		for p, ps := range s.Properties {
			info.props[p] = append(info.props[p], ps)
			if !slices.Contains(info.order, p) {
				info.order = append(info.order, p)
			}
		}
	}
	for _, p := range info.order {
		if !conditional[p] || info.required[p] {
			info.visible[p] = true
		}
	}
	// A condition's own required list never hides what the object always
	// requires.
	for _, s := range set {
		for _, r := range s.Required {
			info.visible[r] = true
		}
	}
	return info
}

// setKey identifies a small schema set (up to 4 schemas, as the drafts'
// objects have) for the caches below.
type setKey [4]*jsonschema.Schema

func keyOf(set []*jsonschema.Schema) (setKey, bool) {
	var k setKey
	if len(set) > len(k) {
		return k, false
	}
	copy(k[:], set)
	return k, true
}

var (
	staticInfo sync.Map // setKey -> objectInfo, for sets without conditions
	expanded   sync.Map // setKey -> []*jsonschema.Schema, expandBase of the set
)

// holds reports whether obj passes the condition sch (an "if").
func (st *compiled) holds(sch *jsonschema.Schema, obj map[string]any) bool {
	if c, ok := st.conds[sch.Location]; ok {
		return c.holds(obj)
	}
	return sch.Validate(obj) == nil
}

// objectOfShared is objectOf for read-only use: a set without if/then or
// dependentRequired gives the same answer for every value, so that answer
// is computed once (validation spent a third of its time here).
func objectOfShared(set []*jsonschema.Schema, obj map[string]any) objectInfo {
	k, ok := keyOf(set)
	if !ok {
		return objectOf(set, obj)
	}
	if v, ok := staticInfo.Load(k); ok {
		return v.(objectInfo)
	}
	for _, s := range set {
		if s.If != nil || len(s.DependentRequired) > 0 {
			return objectOf(set, obj)
		}
	}
	info := objectOf(set, nil)
	staticInfo.Store(k, info)
	return info
}

// expandShared is expandBase for read-only use, computed once per set.
func expandShared(set []*jsonschema.Schema) []*jsonschema.Schema {
	k, ok := keyOf(set)
	if !ok {
		return expandBase(set)
	}
	if v, ok := expanded.Load(k); ok {
		return v.([]*jsonschema.Schema)
	}
	out := expandBase(set)
	expanded.Store(k, out)
	return out
}

// prune returns v without the answers a condition hides, and their
// pointers. Validation sees only the pruned draft. Only the objects and
// lists on the way to a hidden answer are copied; the rest is v's own,
// so the result must not be changed (most drafts hide nothing, and
// copying every value cost a quarter of validating).
func (k *Kind) prune(v any) (any, []string) {
	var hidden []string
	var path []string // the keys and indices down to the value walked
	hide := func(key string) {
		var b strings.Builder
		for _, p := range path {
			b.WriteString("/" + escapePointer(p))
		}
		hidden = append(hidden, b.String()+"/"+escapePointer(key))
	}
	var walk func(set []*jsonschema.Schema, v any) (any, bool)
	walk = func(set []*jsonschema.Schema, v any) (any, bool) {
		switch x := v.(type) {
		case map[string]any:
			info := objectOfShared(set, x)
			var out map[string]any // a copy, made at the first difference
			for key, cv := range x {
				if _, known := info.props[key]; known && !info.visible[key] {
					hide(key)
					if out == nil {
						out = maps.Clone(x)
					}
					delete(out, key)
					continue
				}
				path = append(path, key)
				nv, changed := walk(expandShared(info.props[key]), cv)
				path = path[:len(path)-1]
				if changed {
					if out == nil {
						out = maps.Clone(x)
					}
					out[key] = nv
				}
			}
			if out == nil {
				return x, false
			}
			return out, true
		case []any:
			items := expandShared(itemSchemas(set))
			var out []any
			for i, iv := range x {
				path = append(path, strconv.Itoa(i))
				nv, changed := walk(items, iv)
				path = path[:len(path)-1]
				if changed {
					if out == nil {
						out = slices.Clone(x)
					}
					out[i] = nv
				}
			}
			if out == nil {
				return x, false
			}
			return out, true
		}
		return v, false
	}
	out, _ := walk(expandBase([]*jsonschema.Schema{k.compiledSchema()}), v)
	slices.Sort(hidden)
	return out, hidden
}
