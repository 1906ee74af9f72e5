package schemas

import "github.com/evidraft/evidraft/locales"

// Row is one line of the check-answers page: a question and its answer.
type Row struct {
	Label   string `json:"label"`   // the question's label after its groups' labels, joined by " › "
	Text    string `json:"text"`    // the answer as the printed request writes it (Field.Text), "" if none
	Dir     string `json:"dir"`     // "ltr" when the answer is written left to right in any language, else ""
	Pointer string `json:"pointer"` // the question's field
	Missing bool   `json:"missing"` // not answered
}

// rows lists the section's visible questions in form order with their
// answers: the labels of the groups around a question come first (not the
// group a flat section is made of: the section's title says it), an item
// of a list of groups as "List › Item 2", a list of groups without items
// as one unanswered row.
func (s *Section) rows(loc *locales.Localizer) []Row {
	sep := loc.Message("field.separator", nil)
	out := []Row{}
	var walk func(fields []*Field, prefix string)
	walk = func(fields []*Field, prefix string) {
		for _, f := range fields {
			if !f.Visible {
				continue
			}
			label := f.Label
			if prefix != "" {
				label = prefix + sep + f.Label
			}
			switch f.Widget {
			case "group":
				if s.Flat && prefix == "" && f == s.Fields[0] {
					label = ""
				}
				walk(f.Fields, label)
			case "groups":
				for _, it := range f.Items {
					walk(it.Fields, label+sep+it.Label)
				}
				if len(f.Items) == 0 {
					out = append(out, Row{Label: label, Pointer: f.Pointer, Missing: true})
				}
			case "checkbox":
				// An unticked box is the answer No: the form shows no other
				// way to give it.
				text := f.Text
				if text == "" {
					text = loc.Text("print.no")
				}
				out = append(out, Row{Label: label, Text: text, Pointer: f.Pointer})
			default:
				r := Row{Label: label, Text: f.Text, Pointer: f.Pointer, Missing: f.Text == ""}
				if !r.Missing {
					r.Dir = f.Dir
				}
				out = append(out, r)
			}
		}
	}
	walk(s.Fields, "")
	return out
}
