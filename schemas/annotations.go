package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
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

func escapePointer(s string) string {
	s = strings.ReplaceAll(s, "~", "~0")
	return strings.ReplaceAll(s, "/", "~1")
}
