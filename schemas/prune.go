package schemas

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// pruned is what pruning a draft found: the draft without the answers a
// condition hides, their pointers (sorted) and, when asked for, what the
// conditions said of each object walked, by pointer, so that the form
// asks them once (see formBuilder.objectInfo).
type pruned struct {
	value  any
	hidden []string
	infos  map[string]objectInfo
}

// prune returns v without the answers a condition hides, and their
// pointers. Validation sees only the pruned draft.
func (k *Kind) prune(v any) (any, []string) {
	p := k.pruneDraft(v, false)
	return p.value, p.hidden
}

// pruneDraft walks v along the kind's schemas and drops every answer a
// condition hides (not looking inside it: the whole answer goes). Only the
// objects and lists on the way to a hidden answer are copied; the rest is
// v's own, so the result must not be changed (most drafts hide nothing,
// and copying every value cost a quarter of validating). With record, the
// conditions' answer for every object walked is kept in infos.
func (k *Kind) pruneDraft(v any, record bool) pruned {
	var p pruned
	if record {
		p.infos = map[string]objectInfo{}
	}
	var path []string // the keys and indices down to the value walked
	pointer := func() string {
		var b strings.Builder
		for _, s := range path {
			b.WriteString("/" + escapePointer(s))
		}
		return b.String()
	}
	var walk func(set []*jsonschema.Schema, v any) (any, bool)
	walk = func(set []*jsonschema.Schema, v any) (any, bool) {
		switch x := v.(type) {
		case map[string]any:
			info := objectOfShared(set, x)
			if record {
				p.infos[pointer()] = info
			}
			var out map[string]any // a copy, made at the first difference
			for key, cv := range x {
				if _, known := info.props[key]; known && !info.visible[key] {
					p.hidden = append(p.hidden, pointer()+"/"+escapePointer(key))
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
	p.value, _ = walk(expandBase([]*jsonschema.Schema{k.compiledSchema()}), v)
	slices.Sort(p.hidden)
	return p
}
