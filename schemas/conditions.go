package schemas

import (
	"slices"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Conditions: which properties of an object are shown and required, given
// its value. The form (BuildForm) and validation (prune) both ask here.

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

// holds reports whether obj passes the condition sch (an "if").
func (st *compiled) holds(sch *jsonschema.Schema, obj map[string]any) bool {
	if c, ok := st.conds[sch.Location]; ok {
		return c.holds(obj)
	}
	return sch.Validate(obj) == nil
}
