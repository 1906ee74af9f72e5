package schemas

import (
	"strconv"
	"strings"
	"testing"

	"github.com/evidraft/evidraft/locales"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
)

// The mutation tests take each kind's example, break one thing at a time,
// and check that validation reports an error at exactly that field.

func exampleValue(t *testing.T, kind string) map[string]any {
	t.Helper()
	data, err := Example(kind)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ReadDraft(data)
	if err != nil {
		t.Fatal(err)
	}
	return v.(map[string]any)
}

// mutate runs fn on a fresh copy of the example and validates the result.
func mutate(t *testing.T, kind string, fn func(v map[string]any)) *Result {
	t.Helper()
	v := exampleValue(t, kind)
	fn(v)
	res, err := ValidateValue(v, Options{Mode: Final, Now: testNow, Kind: kind})
	if err != nil {
		t.Fatalf("ValidateValue(%s mutated) error = %v", kind, err)
	}
	return res
}

func wantError(t *testing.T, res *Result, ptr, code, what string) {
	t.Helper()
	for _, f := range res.Findings {
		if f.Pointer == ptr && f.Severity == Error && (code == "" || f.Code == code) {
			return
		}
	}
	t.Errorf("%s: no error %s at %s; findings: %s", what, code, ptr, dump(res.Findings))
}

// visit calls fn for every value of the draft with its pointer.
func visit(ptr string, v any, fn func(ptr string, v any)) {
	fn(ptr, v)
	switch v := v.(type) {
	case map[string]any:
		for k, c := range v {
			visit(ptr+"/"+escapePointer(k), c, fn)
		}
	case []any:
		for i, c := range v {
			visit(ptr+"/"+strconv.Itoa(i), c, fn)
		}
	}
}

// at returns the parent container of ptr and the last segment.
func at(v any, ptr string) (any, string) {
	segs := splitPointer(ptr)
	for _, s := range segs[:len(segs)-1] {
		switch t := v.(type) {
		case map[string]any:
			v = t[s]
		case []any:
			i, _ := strconv.Atoi(s)
			v = t[i]
		}
	}
	return v, segs[len(segs)-1]
}

func set(v any, ptr string, val any) {
	parent, key := at(v, ptr)
	switch p := parent.(type) {
	case map[string]any:
		p[key] = val
	case []any:
		i, _ := strconv.Atoi(key)
		p[i] = val
	}
}

// requiredAt lists the properties the schema always requires of the object
// at ptr (conditional requirements are tested by the golden files).
func (k *Kind) requiredAt(ptr string) []string {
	set := unconditional([]*jsonschema.Schema{k.schema})
	for _, seg := range splitPointer(ptr) {
		var next []*jsonschema.Schema
		for _, s := range set {
			if p := s.Properties[seg]; p != nil {
				next = append(next, p)
			}
			if isIndex(seg) && s.Items2020 != nil {
				next = append(next, s.Items2020)
			}
		}
		set = unconditional(next)
	}
	var req []string
	for _, s := range set {
		req = append(req, s.Required...)
	}
	return req
}

func unconditional(in []*jsonschema.Schema) []*jsonschema.Schema {
	var out []*jsonschema.Schema
	for _, s := range in {
		for ; s != nil; s = s.Ref {
			out = append(out, s)
			out = append(out, s.AllOf...)
		}
	}
	return out
}

func TestMutationRemoveRequired(t *testing.T) {
	for _, kind := range kindIDs {
		k, _ := KindByID(kind)
		n := 0
		visit("", exampleValue(t, kind), func(ptr string, v any) {
			if _, ok := v.(map[string]any); !ok {
				return
			}
			for _, prop := range k.requiredAt(ptr) {
				target := ptr + "/" + escapePointer(prop)
				res := mutate(t, kind, func(d map[string]any) {
					parent, _ := at(d, target)
					delete(parent.(map[string]any), prop)
				})
				wantError(t, res, target, "required", kind+": remove "+target)
				n++
			}
		})
		if n < 20 {
			t.Errorf("%s: only %d required properties tried; the walk is broken", kind, n)
		}
	}
}

func TestMutationStripOffset(t *testing.T) {
	for _, kind := range kindIDs {
		n := 0
		visit("", exampleValue(t, kind), func(ptr string, v any) {
			if _, ok := dateTime(v); !ok {
				return
			}
			local := v.(string)[:19] // date and time of day, without fraction or offset
			res := mutate(t, kind, func(d map[string]any) { set(d, ptr, local) })
			wantError(t, res, ptr, "format.date-time.offset", kind+": strip offset of "+ptr)
			n++
		})
		if n == 0 {
			t.Errorf("%s: the example has no date-time to break", kind)
		}
	}
}

// broken gives a malformed variant of an identifier of a given kind.
var broken = map[string]func(string) string{
	"ipv4":  func(s string) string { return s + ".256" },
	"ipv6":  func(s string) string { return s + ":g" },
	"email": func(s string) string { return strings.Replace(s, "@", " at ", 1) },
	"phone": func(s string) string { return strings.TrimPrefix(s, "+") + "x" },
	"imei": func(s string) string {
		last := s[len(s)-1] - '0'
		return s[:len(s)-1] + strconv.Itoa(int(last+1)%10)
	},
}

func TestMutationBreakIdentifiers(t *testing.T) {
	for _, kind := range kindIDs {
		n := 0
		visit("", exampleValue(t, kind), func(ptr string, v any) {
			o, ok := v.(map[string]any)
			if ok {
				typ, _ := o["type"].(string)
				if f := broken[typ]; f != nil {
					value, _ := o["value"].(string)
					res := mutate(t, kind, func(d map[string]any) { set(d, ptr+"/value", f(value)) })
					wantError(t, res, ptr+"/value", "", kind+": break "+typ+" at "+ptr)
					n++
				}
				return
			}
			s, ok := v.(string)
			key := ptr[strings.LastIndex(ptr, "/")+1:]
			if f := broken[key]; ok && f != nil && (key == "email" || key == "phone") {
				res := mutate(t, kind, func(d map[string]any) { set(d, ptr, f(s)) })
				wantError(t, res, ptr, "", kind+": break "+ptr)
				n++
			}
		})
		if n < 2 {
			t.Errorf("%s: only %d identifiers broken; the example should carry e-mail and phone at least", kind, n)
		}
	}
}

func TestMutationSwapRanges(t *testing.T) {
	for _, kind := range kindIDs {
		n := 0
		visit("", exampleValue(t, kind), func(ptr string, v any) {
			o, ok := v.(map[string]any)
			if !ok {
				return
			}
			start, ok1 := o["start"].(string)
			end, ok2 := o["end"].(string)
			if !ok1 || !ok2 || start == end {
				return
			}
			res := mutate(t, kind, func(d map[string]any) {
				r := d
				if ptr != "" {
					parent, key := at(d, ptr)
					switch p := parent.(type) {
					case map[string]any:
						r = p[key].(map[string]any)
					case []any:
						i, _ := strconv.Atoi(key)
						r = p[i].(map[string]any)
					}
				}
				r["start"], r["end"] = end, start
			})
			wantError(t, res, ptr+"/end", "range.order", kind+": swap "+ptr)
			n++
		})
		if n == 0 && kind != "mla" {
			t.Errorf("%s: the example has no range to swap", kind)
		}
	}
}

// TestPatternMessageGivesTheHint: a value not in its field's form ("Article
// 29" where the article number is asked) gets the field's own hint after
// the message, in the language's way of joining sentences.
func TestPatternMessageGivesTheHint(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "Legal basis 1 › Provision 1 › Article: the value is not in the expected form. Article number, for example 42.",
		"zh": "。" + locales.For(language.Chinese).Text("Article number, for example 42."),
	} {
		v := exampleValue(t, "preservation")
		v["legalBasis"].([]any)[0].(map[string]any)["citations"].([]any)[0].(map[string]any)["article"] = "Article 29"
		res, err := ValidateValue(v, Options{Mode: Final, Now: testNow, Kind: "preservation", Lang: language.MustParse(lang)})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range res.Findings {
			if f.Pointer == "/legalBasis/0/citations/0/article" && f.Code == "pattern" {
				found = true
				if !strings.HasSuffix(f.Message, want) {
					t.Errorf("%s: message %q, want it to end %q", lang, f.Message, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no pattern finding for the article: %s", lang, dump(res.Findings))
		}
	}
}
