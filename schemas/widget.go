package schemas

import "github.com/santhosh-tekuri/jsonschema/v6"

// widgetOf chooses how a value is asked for.
func widgetOf(set []*jsonschema.Schema) string {
	var typ, format string
	var maxLen, enum int
	for _, s := range set {
		if s.Types != nil && !s.Types.IsEmpty() && typ == "" {
			typ = s.Types.ToStrings()[0]
		}
		if s.Format != nil && format == "" && s.Format.Name != "identifier" { // every identifier's value; its type's format decides
			format = s.Format.Name
		}
		if s.MaxLength != nil {
			maxLen = *s.MaxLength
		}
		if s.Enum != nil {
			enum = len(s.Enum.Values)
		}
	}
	switch typ {
	case "object":
		return "group"
	case "array":
		items := itemSchemas(set)
		switch widgetOf(expandBase(items)) {
		case "group":
			return "groups"
		case "radios", "select":
			return "checkboxes"
		}
		return "list"
	case "boolean":
		return "checkbox"
	case "integer", "number":
		return "number"
	}
	if enum > 0 {
		if enum <= 4 {
			return "radios"
		}
		return "select"
	}
	switch format {
	case "date":
		return "date"
	case "date-time":
		return "datetime"
	case "iana-time-zone":
		return "timezone"
	case "country":
		return "country"
	case "bcp47":
		return "language"
	case "idn-email", "email":
		return "email"
	case "e164":
		return "tel"
	case "iri", "uri":
		return "url"
	}
	if maxLen > 500 {
		return "textarea"
	}
	return "text"
}

func itemSchemas(set []*jsonschema.Schema) []*jsonschema.Schema {
	var out []*jsonschema.Schema
	for _, s := range set {
		if s.Items2020 != nil {
			out = append(out, s.Items2020)
		}
	}
	return out
}
