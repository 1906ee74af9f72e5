package schemas

import (
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// step describes one segment of an instance path: the title of the schema
// that segment leads to and its position among its siblings.
type step struct {
	Title string // English title; "" when the schema gives none
	Desc  string // English description (the form's hint); "" when none
	Key   string // the property name or array index
	Item  bool   // an array element: Title is the item title
	Order int    // position in the schema's property order; the index for items
	Known bool   // false when no schema describes the segment
}

// patternOf replaces array indices with "*" so that paths share a cache entry.
func patternOf(segs []string) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		if isIndex(s) {
			b.WriteByte('*')
		} else {
			b.WriteString(escapePointer(s))
		}
	}
	return b.String()
}

func isIndex(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// steps resolves an instance path against the kind's schema.
func (k *Kind) steps(segs []string) []step {
	pat := patternOf(segs)
	if v, ok := k.fields.Load(pat); ok {
		return withIndices(v.([]step), segs)
	}
	st := mustSchemas()
	out := make([]step, len(segs))
	set := expandSchemas([]*jsonschema.Schema{k.compiledSchema()})
	for i, seg := range segs {
		var next []*jsonschema.Schema
		s := step{Key: seg, Order: 1 << 20}
		for _, sch := range set {
			if p := sch.Properties[seg]; p != nil {
				next = append(next, p)
				if n := slices.Index(st.order[sch.Location], seg); n >= 0 && n < s.Order {
					s.Order = n
				}
			}
			if isIndex(seg) && sch.Items2020 != nil {
				next = append(next, sch.Items2020)
				s.Item = true
			}
		}
		s.Known = len(next) > 0
		for _, sch := range next {
			if t := firstTitle(sch); t != "" {
				s.Title = t
				break
			}
		}
		for _, sch := range next {
			if d := firstDescription(sch); d != "" {
				s.Desc = d
				break
			}
		}
		out[i] = s
		set = expandSchemas(next)
	}
	k.fields.Store(pat, out)
	return withIndices(out, segs)
}

// withIndices fills in the array positions of a cached pattern.
func withIndices(cached []step, segs []string) []step {
	out := slices.Clone(cached)
	for i := range out {
		out[i].Key = segs[i]
		if out[i].Item {
			out[i].Order, _ = strconv.Atoi(segs[i])
		}
	}
	return out
}

// firstTitle returns the title of sch or, failing that, of what it refers to.
func firstTitle(sch *jsonschema.Schema) string {
	for s := sch; s != nil; s = s.Ref {
		if s.Title != "" {
			return s.Title
		}
	}
	return ""
}

// firstDescription returns the description of sch or, failing that, of
// what it refers to.
func firstDescription(sch *jsonschema.Schema) string {
	for s := sch; s != nil; s = s.Ref {
		if s.Description != "" {
			return s.Description
		}
	}
	return ""
}

// expandSchemas adds every subschema that applies to the same instance:
// references and the branches of allOf, anyOf, oneOf and if/then/else.
func expandSchemas(in []*jsonschema.Schema) []*jsonschema.Schema { return expand(in, true) }

// expand collects in and what they refer to and combine; conditional
// branches (anyOf, oneOf, then, else) only when all is set.
func expand(in []*jsonschema.Schema, all bool) []*jsonschema.Schema {
	var out []*jsonschema.Schema
	seen := map[*jsonschema.Schema]bool{}
	var add func(s *jsonschema.Schema)
	add = func(s *jsonschema.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		out = append(out, s)
		add(s.Ref)
		for _, c := range s.AllOf {
			add(c)
		}
		if all {
			for _, list := range [][]*jsonschema.Schema{s.AnyOf, s.OneOf} {
				for _, c := range list {
					add(c)
				}
			}
			add(s.Then)
			add(s.Else)
		}
	}
	for _, s := range in {
		add(s)
	}
	return out
}

// enumLabel returns the English label of an enum value at an instance path.
func (k *Kind) enumLabel(segs []string, value string) string {
	st := mustSchemas()
	set := expandSchemas([]*jsonschema.Schema{k.compiledSchema()})
	for _, seg := range segs {
		var next []*jsonschema.Schema
		for _, sch := range set {
			if p := sch.Properties[seg]; p != nil {
				next = append(next, p)
			}
			if isIndex(seg) && sch.Items2020 != nil {
				next = append(next, sch.Items2020)
			}
		}
		set = expandSchemas(next)
	}
	for _, sch := range set {
		if l, ok := st.labels[sch.Location][value]; ok {
			return l
		}
	}
	return ""
}

// splitPointer turns a JSON Pointer into its unescaped segments.
func splitPointer(p string) []string {
	if p == "" {
		return nil
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range segs {
		s = strings.ReplaceAll(s, "~1", "/")
		segs[i] = strings.ReplaceAll(s, "~0", "~")
	}
	return segs
}

// joinPointer builds a JSON Pointer from segments.
func joinPointer(segs []string) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteByte('/')
		b.WriteString(escapePointer(s))
	}
	return b.String()
}
