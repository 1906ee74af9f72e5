package schemas

import (
	"bytes"
	"encoding/json"
	"slices"
)

// SourceStrings returns every English text of the schemas that is shown to
// users (titles, descriptions and enum labels), each once, in file order.
// Translations key on these strings.
func SourceStrings() []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	names, _ := schemaFiles()
	// defs first, then kinds in their order: shared strings come first.
	slices.SortStableFunc(names, func(a, b string) int { return rank(a) - rank(b) })
	for _, name := range names {
		data, _ := files.ReadFile(name)
		var v any
		dec := json.NewDecoder(bytes.NewReader(data))
		if err := dec.Decode(&v); err != nil {
			continue
		}
		collectStrings(v, add)
	}
	return out
}

func rank(name string) int {
	for i, k := range kindIDs {
		if name == k+".schema.json" {
			return i + 1
		}
	}
	return 0
}

// collectStrings visits a decoded schema. encoding/json loses key order,
// so keys are visited sorted, which keeps the output stable. A property
// named "title" (the signatory's) is a schema, not a text, and is visited.
func collectStrings(v any, add func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for _, k := range []string{"title", "description"} {
			if s, ok := v[k].(string); ok {
				add(s)
			}
		}
		if labels, ok := v["x-enumLabels"].(map[string]any); ok {
			if enum, ok := v["enum"].([]any); ok {
				for _, e := range enum {
					if s, ok := labels[e.(string)].(string); ok {
						add(s)
					}
				}
			}
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if _, isText := v[k].(string); k == "x-enumLabels" || ((k == "title" || k == "description") && isText) {
				continue
			}
			collectStrings(v[k], add)
		}
	case []any:
		for _, e := range v {
			collectStrings(e, add)
		}
	}
}
