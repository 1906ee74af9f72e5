package schemas

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/evidraft/evidraft/locales"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// Validate checks a draft given as JSON text. Findings report what is wrong
// with the draft; err is non-nil only when the draft could not be checked at
// all, and is then an *locales.Error (not JSON, unknown kind, newer format).
func Validate(data []byte, opts Options) (*Result, error) {
	v, err := ReadDraft(data)
	if err != nil {
		return nil, err
	}
	return ValidateValue(v, opts)
}

// ValidateValue checks a draft already decoded by ReadDraft (or by
// encoding/json with UseNumber).
func ValidateValue(v any, opts Options) (*Result, error) {
	res, _, err := validateDraft(v, opts, false)
	return res, err
}

// validateDraft is ValidateValue that also gives what pruning found; with
// record, what the conditions said of each object (BuildForm asks).
func validateDraft(v any, opts Options, record bool) (*Result, pruned, error) {
	if err := CompileError(); err != nil {
		return nil, pruned{}, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, pruned{}, &locales.Error{Code: "error.json.notObject"}
	}
	k, err := kindOf(obj, opts.Kind)
	if err != nil {
		return nil, pruned{}, err
	}
	if err := checkVersion(obj); err != nil {
		return nil, pruned{}, err
	}
	// Answers a condition hides are kept in the draft but not checked.
	p := k.pruneDraft(obj, record)
	obj = p.value.(map[string]any)
	c := &checker{kind: k, loc: localizerFor(opts.Lang, obj), opts: opts, draft: obj}
	if verr := k.compiledSchema().Validate(obj); verr != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(verr, &ve) {
			return nil, pruned{}, fmt.Errorf("schemas: validate %s: %w", k.ID, verr)
		}
		c.collect(ve)
	}
	c.rules()
	if opts.Mode == Final {
		c.final()
	}
	return c.result(), p, nil
}

func kindOf(obj map[string]any, hint string) (*Kind, error) {
	known := KindIDs()
	raw, present := obj["kind"]
	id, _ := raw.(string)
	if !present && hint != "" {
		id = hint
	}
	if !present && hint == "" {
		return nil, &locales.Error{Code: "error.kind.missing", Params: map[string]any{"Kinds": known}}
	}
	k, err := KindByID(id)
	if err != nil {
		return nil, &locales.Error{Code: "error.kind.unknown", Params: map[string]any{"Kind": fmt.Sprint(raw), "Kinds": known}, Err: err}
	}
	return k, nil
}

// checkVersion refuses drafts written in a newer format; a missing or
// malformed version is left to the schema, which reports it as a finding.
func checkVersion(obj map[string]any) error {
	n, ok := obj["schemaVersion"].(json.Number)
	if !ok {
		return nil
	}
	if r, ok := new(big.Rat).SetString(n.String()); ok && r.Cmp(big.NewRat(SchemaVersion, 1)) > 0 {
		return &locales.Error{Code: "error.version.newer", Params: map[string]any{"Version": n.String(), "Current": SchemaVersion}}
	}
	return nil
}

// checker gathers the findings of one validation.
type checker struct {
	kind     *Kind
	loc      *locales.Localizer
	opts     Options
	draft    map[string]any
	findings []Finding
}

func (c *checker) add(ptr, code string, sev Severity, params map[string]any) {
	c.findings = append(c.findings, Finding{Pointer: ptr, Code: code, Severity: sev, Params: params})
}

// collect turns the leaves of a jsonschema error tree into findings. A type
// switch on the error kind gives our own code, so that no message depends
// on the library's English text.
func (c *checker) collect(ve *jsonschema.ValidationError) {
	if len(ve.Causes) > 0 {
		for _, cause := range ve.Causes {
			c.collect(cause)
		}
		return
	}
	ptr := joinPointer(ve.InstanceLocation)
	switch e := ve.ErrorKind.(type) {
	case *kind.Required:
		for _, m := range e.Missing {
			c.add(ptr+"/"+escapePointer(m), "required", Error, nil)
		}
	case *kind.DependentRequired:
		for _, m := range e.Missing {
			c.add(ptr+"/"+escapePointer(m), "required", Error, map[string]any{"Because": e.Prop})
		}
	case *kind.AdditionalProperties:
		for _, p := range e.Properties {
			c.add(ptr+"/"+escapePointer(p), "unknown", Error, nil)
		}
	case *kind.FalseSchema:
		c.add(ptr, "unknown", Error, nil)
	case *kind.Type:
		c.add(ptr, "type", Error, map[string]any{"Want": e.Want[0]})
	case *kind.Format:
		if params, ok := invisibleParams(e.Got); ok {
			c.add(ptr, "identifier.invisible", Error, params)
			break
		}
		code := "format." + e.Want
		if s, ok := e.Got.(string); ok && e.Want == "date-time" && HasNoOffset(s) {
			code = "format.date-time.offset"
		}
		if !locales.Has("finding." + code) {
			code = "format"
		}
		c.add(ptr, code, Error, map[string]any{"Format": e.Want})
	case *kind.Enum:
		c.add(ptr, "enum", Error, nil)
	case *kind.Const:
		c.add(ptr, "const", Error, map[string]any{"Want": e.Want})
	case *kind.MinLength:
		c.add(ptr, "required", Error, nil) // every minLength in our schemas is 1
	case *kind.MaxLength:
		c.add(ptr, "maxLength", Error, map[string]any{"Max": e.Want})
	case *kind.Pattern:
		if params, ok := invisibleParams(e.Got); ok && e.Want != `\S` {
			c.add(ptr, "identifier.invisible", Error, params)
			break
		}
		c.add(ptr, patternCode(e.Want), Error, nil)
	case *kind.Minimum:
		c.add(ptr, "minimum", Error, map[string]any{"Min": ratNumber(e.Want)})
	case *kind.Maximum:
		c.add(ptr, "maximum", Error, map[string]any{"Max": ratNumber(e.Want)})
	case *kind.MinItems:
		c.add(ptr, "minItems", Error, map[string]any{"Min": e.Want})
	case *kind.MaxItems:
		c.add(ptr, "maxItems", Error, map[string]any{"Max": e.Want})
	case *kind.UniqueItems:
		c.add(ptr, "uniqueItems", Error, map[string]any{"Duplicates": []int{e.Duplicates[0], e.Duplicates[1]}})
	default:
		c.add(ptr, "invalid", Error, map[string]any{"Keyword": strings.Join(ve.ErrorKind.KeywordPath(), "/")})
	}
}

// ratNumber gives a schema bound as an int when it is whole, so that the
// printer formats it in the user's language, else as a float64.
func ratNumber(r *big.Rat) any {
	if r.IsInt() && r.Num().IsInt64() {
		return int(r.Num().Int64())
	}
	f, _ := r.Float64()
	return f
}

// patternCode names the patterns our schemas use; "\S" means not blank.
func patternCode(p string) string {
	switch {
	case p == `\S`:
		return "required"
	case strings.HasPrefix(p, `^[\p{L}\p{N}]`):
		return "pattern.reference"
	case strings.Contains(p, "{64}"):
		return "pattern.hash"
	}
	return "pattern"
}

// final adds what only a finished request needs.
func (c *checker) final() {
	if _, ok := c.draft["signature"]; !ok {
		c.add("/signature", "required", Error, nil)
	}
	if strings.HasPrefix(c.kind.ID, "epoc") {
		c.euFinal()
	}
}

// result removes repeated findings, sorts them in form order and writes
// their messages.
func (c *checker) result() *Result {
	type key struct{ ptr, code string }
	seen := map[key]bool{}
	var out []Finding
	for _, f := range c.findings {
		k := key{f.Pointer, f.Code}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	orders := map[string][]int{}
	for _, f := range out {
		orders[f.Pointer] = c.kind.order(f.Pointer)
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		if n := slices.Compare(orders[a.Pointer], orders[b.Pointer]); n != 0 {
			return n
		}
		if n := cmp.Compare(a.Severity, b.Severity); n != 0 {
			return n
		}
		return strings.Compare(a.Code, b.Code)
	})
	res := &Result{Kind: c.kind.ID, Valid: true, Findings: out}
	for i := range out {
		out[i].Message = c.message(out[i])
		if v, ok := out[i].Params["fix"].(string); ok {
			out[i].Fix = &Fix{Value: v, Label: c.loc.Message("finding.fix.offset", map[string]any{"Offset": out[i].Params["Expected"]})}
		}
		if out[i].Severity == Error {
			res.Valid = false
		}
	}
	if res.Findings == nil {
		res.Findings = []Finding{}
	}
	return res
}

// FieldLabel returns the localised name of the field at ptr: the titles of
// the field and its parents, items numbered from 1.
func (k *Kind) FieldLabel(ptr string, loc *locales.Localizer) string {
	var parts []string
	steps := k.steps(splitPointer(ptr))
	for i, s := range steps {
		switch {
		case i+1 < len(steps) && steps[i+1].Item && steps[i+1].Title != "":
			// a list whose items have a title: "Offence 2" says it all
		case s.Item && s.Title != "":
			n, _ := strconv.Atoi(s.Key)
			parts = append(parts, loc.Message("field.item", map[string]any{"Title": loc.Text(s.Title), "N": n + 1}))
		case s.Title != "":
			parts = append(parts, loc.Text(s.Title))
		case !s.Known:
			parts = append(parts, loc.Message("field.unknown", map[string]any{"Name": s.Key}))
		}
	}
	if len(parts) == 0 {
		return loc.Text(k.Title)
	}
	return strings.Join(parts, loc.Message("field.separator", nil))
}

// message writes a finding's sentence in the checker's language.
func (c *checker) message(f Finding) string {
	params := map[string]any{"Field": c.kind.FieldLabel(f.Pointer, c.loc)}
	for k, v := range f.Params {
		params[k] = v
	}
	if f.Code == "type" {
		params["Want"] = c.loc.Message("type."+fmt.Sprint(f.Params["Want"]), nil)
	}
	if lang, ok := f.Params["language"].(string); ok && f.Code == "eu.languageUnavailable" {
		params["Language"] = c.loc.LanguageName(lang)
	}
	if zone, ok := f.Params["Zone"].(string); ok && f.Code == "offset.zone" {
		params["Zone"] = c.loc.Zone(zone, time.Time{})
	}
	if f.Code == "range.order" { // the two instants as a person reads them
		for _, k := range []string{"Start", "End"} {
			if t, ok := dateTime(f.Params[k]); ok {
				params[k] = c.loc.DateTime(t)
			}
		}
	}
	msg := c.loc.Message("finding."+f.Code, params)
	if f.Code == "pattern" {
		// "Not in the expected form" says nothing of the form: the
		// field's own hint gives it ("Article number, for example 42.").
		if steps := c.kind.steps(splitPointer(f.Pointer)); len(steps) > 0 && steps[len(steps)-1].Desc != "" {
			msg = c.loc.Then(msg, c.loc.Text(steps[len(steps)-1].Desc))
		}
	}
	return msg
}
