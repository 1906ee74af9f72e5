package schemas

import (
	"slices"
	"strconv"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/evidraft/evidraft/locales"
)

// formBuilder turns a draft into the tree of its fields: each question
// with its label, hint, widget, options, flags, value and findings.
type formBuilder struct {
	kind     *Kind
	loc      *locales.Localizer
	findings map[string][]Finding
	// infos are the conditions' answers pruning found for the draft's
	// objects, by pointer; an object pruning did not walk (absent, or
	// inside a hidden answer) is asked here.
	infos map[string]objectInfo
}

// objectInfo is what the conditions say of the object obj at ptr.
func (b *formBuilder) objectInfo(set []*jsonschema.Schema, ptr string, obj map[string]any) objectInfo {
	if info, ok := b.infos[ptr]; ok && obj != nil {
		return info
	}
	return objectOfShared(set, obj)
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
		info := b.objectInfo(set, ptr, obj)
		for _, p := range info.order {
			cv := obj[p]
			vis := visible && info.visible[p]
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
