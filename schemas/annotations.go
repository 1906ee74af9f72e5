package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// readAnnotations records what the compiled schema does not keep: the order
// of each "properties" object as written, and the English labels of enum
// values given by the x-enumLabels keyword.
func (st *compiled) readAnnotations(url string, data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := st.walk(dec, url+"#", ""); err != nil {
		return fmt.Errorf("schemas: read %s: %w", url, err)
	}
	return nil
}

// walk reads one JSON value at pointer ptr.
func (st *compiled) walk(dec *json.Decoder, base, ptr string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			key := kt.(string)
			child := ptr + "/" + escapePointer(key)
			switch {
			case strings.HasSuffix(ptr, "/properties"):
				owner := base + strings.TrimSuffix(ptr, "/properties")
				st.order[owner] = append(st.order[owner], key)
			case key == "if":
				var raw any
				if err := dec.Decode(&raw); err != nil {
					return fmt.Errorf("%s: %w", child, err)
				}
				if c, ok := simpleCond(raw); ok {
					st.conds[base+child] = c
				}
				continue
			case key == "x-enumLabels":
				var labels map[string]string
				if err := dec.Decode(&labels); err != nil {
					return fmt.Errorf("%s: %w", child, err)
				}
				st.labels[base+ptr] = labels
				continue
			}
			if err := st.walk(dec, base, child); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return err
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if err := st.walk(dec, base, fmt.Sprintf("%s/%d", ptr, i)); err != nil {
				return err
			}
		}
		_, err = dec.Token()
		return err
	}
	return nil
}

// cond is a condition ("if") made only of required properties whose
// values are constant strings or booleans:
//
//	{"properties": {"type": {"const": "email"}}, "required": ["type"]}
//
// Deciding which answers a condition shows is most of pruning, and
// jsonschema builds an error tree for every condition that does not hold
// (most of them: an identifier has one type and 16 conditions), so these
// are tested directly; TestSimpleConds checks they agree with jsonschema.
type cond struct {
	required []string
	allowed  map[string][]any // property -> the values it may have when present
}

func (c cond) holds(obj map[string]any) bool {
	for _, r := range c.required {
		if _, ok := obj[r]; !ok {
			return false
		}
	}
	for p, vals := range c.allowed {
		if v, ok := obj[p]; ok && !slices.Contains(vals, v) {
			return false
		}
	}
	return true
}

// simpleCond reads an "if" schema as a cond, if it is one.
func simpleCond(raw any) (cond, bool) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return cond{}, false
	}
	c := cond{allowed: map[string][]any{}}
	for k, v := range obj {
		switch k {
		case "required":
			list, ok := v.([]any)
			if !ok {
				return cond{}, false
			}
			for _, r := range list {
				s, ok := r.(string)
				if !ok {
					return cond{}, false
				}
				c.required = append(c.required, s)
			}
		case "properties":
			props, ok := v.(map[string]any)
			if !ok {
				return cond{}, false
			}
			for p, ps := range props {
				vals, ok := constValues(ps)
				if !ok {
					return cond{}, false
				}
				c.allowed[p] = vals
			}
		default:
			return cond{}, false
		}
	}
	return c, true
}

// constValues reads {"const": v} or {"enum": [v...]} with string or
// boolean values.
func constValues(raw any) ([]any, bool) {
	obj, ok := raw.(map[string]any)
	if !ok || len(obj) != 1 {
		return nil, false
	}
	var vals []any
	if v, ok := obj["const"]; ok {
		vals = []any{v}
	} else if list, ok := obj["enum"].([]any); ok {
		vals = list
	} else {
		return nil, false
	}
	for _, v := range vals {
		switch v.(type) {
		case string, bool:
		default:
			return nil, false
		}
	}
	return vals, true
}

func escapePointer(s string) string {
	s = strings.ReplaceAll(s, "~", "~0")
	return strings.ReplaceAll(s, "/", "~1")
}
