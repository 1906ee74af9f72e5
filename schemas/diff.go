package schemas

import (
	"reflect"
	"slices"
	"strconv"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
)

// Change is one answer that differs between two versions of a draft.
type Change struct {
	Pointer string `json:"pointer"`
	Section string `json:"section"` // the id of the section that holds it
	Label   string `json:"label"`   // the field's name in the language asked for
}

// Diff lists the answers that differ between two versions of a draft of
// the same kind (as ReadDraft decodes them), in form order: what another
// tab changed, or what a kept version changed. An answer present on one
// side only is one change at its own pointer (a whole added offence is
// "Offence 3", not each of its questions).
func Diff(a, b any, kind string, lang language.Tag) ([]Change, error) {
	k, err := KindByID(kind)
	if err != nil {
		return nil, err
	}
	var ptrs []string
	diffValues("", a, b, &ptrs)
	loc := locales.For(lang)
	out := make([]Change, 0, len(ptrs))
	orders := map[string][]int{}
	for _, p := range ptrs {
		out = append(out, Change{Pointer: p, Section: sectionOfPointer(p), Label: k.FieldLabel(p, loc)})
		orders[p] = k.order(p)
	}
	slices.SortStableFunc(out, func(x, y Change) int { return slices.Compare(orders[x.Pointer], orders[y.Pointer]) })
	return out, nil
}

// ChangedSections lists, in task-list order, the sections in which two
// versions of a draft differ.
func ChangedSections(a, b any, kind string) ([]string, error) {
	if _, err := KindByID(kind); err != nil {
		return nil, err
	}
	var ptrs []string
	diffValues("", a, b, &ptrs)
	changed := map[string]bool{}
	for _, p := range ptrs {
		changed[sectionOfPointer(p)] = true
	}
	var out []string
	for _, id := range SectionOrder {
		if changed[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// sectionOfPointer is the section that holds the answer at p.
func sectionOfPointer(p string) string {
	if segs := splitPointer(p); len(segs) > 0 {
		return SectionOf(segs[0])
	}
	return ""
}

func diffValues(ptr string, a, b any, out *[]string) {
	ma, okA := a.(map[string]any)
	mb, okB := b.(map[string]any)
	if okA && okB {
		keys := make([]string, 0, len(ma)+len(mb))
		for key := range ma {
			keys = append(keys, key)
		}
		for key := range mb {
			if _, ok := ma[key]; !ok {
				keys = append(keys, key)
			}
		}
		slices.Sort(keys)
		for _, key := range keys {
			if ptr == "" && (key == "kind" || key == "schemaVersion") {
				continue
			}
			diffValues(ptr+"/"+escapePointer(key), ma[key], mb[key], out)
		}
		return
	}
	la, okA := a.([]any)
	lb, okB := b.([]any)
	if okA && okB {
		for i := range max(len(la), len(lb)) {
			var x, y any
			if i < len(la) {
				x = la[i]
			}
			if i < len(lb) {
				y = lb[i]
			}
			diffValues(ptr+"/"+strconv.Itoa(i), x, y, out)
		}
		return
	}
	if !reflect.DeepEqual(a, b) {
		*out = append(*out, ptr)
	}
}

// order gives a pointer's position in the form: property order as the
// schema lists it, array index for items.
func (k *Kind) order(ptr string) []int {
	steps := k.steps(splitPointer(ptr))
	o := make([]int, len(steps))
	for i, s := range steps {
		o[i] = s.Order
	}
	return o
}
