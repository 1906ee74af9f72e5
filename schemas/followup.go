package schemas

import (
	"fmt"
	"strings"
	"time"

	"github.com/evidraft/evidraft/locales"
)

// A preservation is followed by the request that obtains the data (mutual
// legal assistance, or for an EPOC-PR the European Production Order), or,
// when that cannot be sent in time, by a request to extend it. FollowUpDraft
// writes the new draft's body from the preservation's, so that the parties,
// the case and the data are not typed twice.

// Follow-up actions.
const (
	FollowMLA        = "mla"        // a request for mutual assistance that obtains the preserved data
	FollowExtension  = "extension"  // a new preservation request extending this one
	FollowProduction = "production" // an EPOC ordering the production of the data an EPOC-PR preserved
)

// FollowUp is a request that can follow a preservation.
type FollowUp struct {
	Action string `json:"action"` // Follow*
	Kind   string `json:"kind"`   // the kind of the new draft
	Label  string `json:"label"`  // the link's text in the user's language
}

// FollowUpsOf lists the follow-ups a preservation of kind offers.
func FollowUpsOf(kind string, draft map[string]any, loc *locales.Localizer) []FollowUp {
	mla := FollowUp{Action: FollowMLA, Kind: "mla", Label: loc.Message("followUp.mla", nil)}
	switch kind {
	case "preservation":
		return []FollowUp{mla, {Action: FollowExtension, Kind: "preservation", Label: loc.Message("followUp.extension", nil)}}
	case "epoc-pr":
		// The EPOC-PR's extension is the form of Annex VI, not a request
		// kind of its own: it is recorded in the tracking section.
		prod := FollowUp{Action: FollowProduction, Kind: "epoc", Label: loc.Message("followUp.production", nil)}
		if s, _ := draft["subsequentRequest"].(string); s == "mla" {
			return []FollowUp{mla, prod}
		}
		return []FollowUp{prod, mla}
	}
	return nil
}

// ErrNoFollowUp is returned by FollowUpDraft for an action the draft's
// kind does not offer.
var ErrNoFollowUp = fmt.Errorf("schemas: no such follow-up")

// FollowUpDraft returns the body of a new draft that follows the
// preservation draft (decoded as ReadDraft does) by action, issued on
// now's date:
//   - mla: the requesting authority, the requested State (its country
//     and time zone, not the authority; an EPOC-PR's addressee's State), the instruments relied on (without the
//     preservation's articles), the offences and facts, the preserved data
//     as items and as the assistance sought (access to stored data), data
//     protection and confidentiality, and the link to the preservation with
//     the requested State's reference and the date it may end;
//   - extension: the same request again, as an extension of this one
//     (extensionOf), without its reference, signature, deadline and
//     tracking;
//   - production: the EPOC with the EPOC-PR's authorities, addressee,
//     legal basis, offences and data.
func FollowUpDraft(draft map[string]any, action string, now time.Time) (map[string]any, error) {
	kind, _ := draft["kind"].(string)
	ok := false
	for _, f := range FollowUpsOf(kind, draft, locales.For(locales.Match("en"))) {
		ok = ok || f.Action == action
	}
	if !ok {
		return nil, fmt.Errorf("%w %q for %q", ErrNoFollowUp, action, kind)
	}
	today := todayIn(draft, now).Format(time.DateOnly)
	link := map[string]any{"kind": kind}
	if r, ok := draft["reference"].(string); ok && r != "" {
		link["reference"] = r
	}
	if d, ok := draft["issueDate"].(string); ok && d != "" {
		link["date"] = d
	}
	tr := obj(draft["tracking"])
	if r, ok := tr["theirReference"].(string); ok && r != "" {
		link["requestedStateReference"] = r
	}
	if e, ok := ExpiryOf(draft, now); ok {
		link["expires"] = e.Ends.Format(time.DateOnly)
	}
	out := map[string]any{"schemaVersion": SchemaVersion, "issueDate": today}
	copyProps := func(names ...string) {
		for _, n := range names {
			if v, ok := draft[n]; ok {
				out[n] = deepCopy(v)
			}
		}
	}
	copyProps("language", "translationLanguage", "requestingAuthority", "offences")
	switch action {
	case FollowExtension:
		for k, v := range draft {
			switch k {
			case "reference", "issueDate", "signature", "tracking", "extensionOf", "annexes":
			default:
				out[k] = deepCopy(v)
			}
		}
		if u := obj(out["urgency"]); u != nil {
			delete(u, "deadline") // the earlier deadline has passed
		}
		out["extensionOf"] = link
		out["issueDate"] = today
		out["translations"] = keptTranslations(draft, out)
	case FollowMLA:
		out["kind"] = "mla"
		if kind == "epoc-pr" {
			if c, ok := obj(draft["addressee"])["country"].(string); ok && c != "" {
				out["requestedState"] = map[string]any{"country": c}
			}
		} else {
			copyProps("facts", "dataProtection", "confidentiality")
			// The same State, not the same authority: the preservation
			// often went to the 24/7 point, mutual assistance goes to the
			// central authority.
			rs := map[string]any{}
			for _, k := range []string{"country", "timeZone"} {
				if v, ok := obj(draft["requestedState"])[k]; ok {
					rs[k] = v
				}
			}
			if len(rs) > 0 {
				out["requestedState"] = rs
			}
			out["legalBasis"] = instrumentsOnly(draft["legalBasis"])
		}
		var items []any
		var described []string
		arr, _ := draft["dataSought"].([]any)
		for _, x := range arr {
			it := obj(x)
			if id := obj(it["identifier"]); id != nil {
				items = append(items, deepCopy(id))
			}
			desc, _ := it["description"].(string)
			val, _ := obj(it["identifier"])["value"].(string)
			switch {
			case desc != "" && val != "":
				described = append(described, val+": "+desc)
			case desc != "":
				described = append(described, desc)
			}
		}
		if items != nil {
			out["itemsOrAccounts"] = items
		}
		a := map[string]any{"types": []any{"storedData"}}
		if described != nil {
			a["description"] = strings.Join(described, "\n")
		}
		out["assistance"] = a
		out["preservationRequest"] = link
		out["translations"] = keptTranslations(draft, out)
	case FollowProduction:
		out["kind"] = "epoc"
		copyProps("languageBasis", "validatingAuthority", "addressee", "legalBasis", "dataSought")
		out["translations"] = keptTranslations(draft, out)
	}
	if m, _ := out["translations"].(map[string]any); len(m) == 0 {
		delete(out, "translations")
	}
	return out, nil
}

// instrumentsOnly keeps the instruments of a legal basis, not the
// preservation's articles: the follow-up rests on other ones.
func instrumentsOnly(v any) any {
	var out []any
	arr, _ := v.([]any)
	for _, x := range arr {
		b := obj(x)
		if b == nil {
			continue
		}
		keep := map[string]any{}
		for k, x := range b {
			if k != "citations" {
				keep[k] = deepCopy(x)
			}
		}
		out = append(out, keep)
	}
	if out == nil {
		return nil
	}
	return out
}

// keptTranslations keeps the translations of answers that out holds
// unchanged from draft, under the same pointer.
func keptTranslations(draft, out map[string]any) map[string]any {
	kept := map[string]any{}
	for p, tr := range obj(draft["translations"]) {
		segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
		if segs[0] == "translations" || segs[0] == "tracking" {
			continue
		}
		a, b := valueAt(draft, segs), valueAt(out, segs)
		if sa, ok := a.(string); ok && sa != "" && sa == b {
			kept[p] = deepCopy(tr)
		}
	}
	return kept
}

// deepCopy copies a decoded JSON value.
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[k] = deepCopy(x)
		}
		return m
	case []any:
		s := make([]any, len(t))
		for i, x := range t {
			s[i] = deepCopy(x)
		}
		return s
	}
	return v
}
