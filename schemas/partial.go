package schemas

import (
	"slices"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// A section's form (FormOptions.Section) validates and builds only what
// the section needs: its own top-level answers and those a finding inside
// it may depend on. Its findings are exactly the whole draft's findings
// inside the section (TestSectionFormMatchesWhole checks it over every
// example and mutated drafts).

// ruleReads are the top-level answers the rules (rules.go, eu.go,
// offsets.go, terms.go) read to judge an answer in another section: the
// issue date against dates elsewhere, the legal basis for the penalties
// and the wording of the terms, the data sought for the EU's thresholds,
// the authority's country, type and time zone, the languages, the
// period that dates an IP address, the emergency. A rule that reads a new
// one across sections adds it here.
var ruleReads = []string{
	"issueDate", "legalBasis", "offences", "dataSought", "dataCategories",
	"requestingAuthority", "validatingAuthority", "emergency", "language", "translationLanguage",
	"timePeriod", "period", "tracking", "certification", "signature", "kind", "schemaVersion",
}

// sectionInputs returns the top-level properties a form of section id
// must validate, of the draft's own keys: the section's, the kind's
// cross-section reads (ruleReads and what the root's conditions test),
// and the format's own. all is true when the section needs the whole
// draft (the translations, which list every other answer).
func (k *Kind) sectionInputs(id string) (keep func(prop string) bool, all bool) {
	if id == "translation" {
		return nil, true
	}
	reads, whole := k.rootReads()
	if whole {
		return nil, true
	}
	return func(p string) bool {
		s := SectionOf(p)
		return s == id || s == "" || reads[p]
	}, false
}

var rootReadsCache sync.Map // *Kind -> rootReadsOf

type rootReadsOf struct {
	reads map[string]bool
	whole bool
}

// rootReads names the top-level properties a condition of the kind's root
// (if, dependentRequired, anyOf, oneOf, not) or a rule reads; whole is
// true when a condition reads the object in a way no list of names says
// (pattern properties, property names, additional properties).
func (k *Kind) rootReads() (map[string]bool, bool) {
	if v, ok := rootReadsCache.Load(k); ok {
		r := v.(rootReadsOf)
		return r.reads, r.whole
	}
	r := rootReadsOf{reads: map[string]bool{}}
	for _, p := range ruleReads {
		r.reads[p] = true
	}
	// names collects every property a condition's schema names, at its
	// own level and in what it combines.
	var names func(s *jsonschema.Schema)
	names = func(s *jsonschema.Schema) {
		for _, x := range expandSchemas([]*jsonschema.Schema{s}) {
			for p := range x.Properties {
				r.reads[p] = true
			}
			for _, p := range x.Required {
				r.reads[p] = true
			}
			dependencies(x, r.reads)
			if len(x.PatternProperties) > 0 || x.PropertyNames != nil || x.AdditionalProperties != nil && x != k.compiledSchema() ||
				x.MinProperties != nil || x.MaxProperties != nil {
				r.whole = true
			}
			for _, c := range []*jsonschema.Schema{x.If, x.Not} {
				if c != nil {
					names(c)
				}
			}
		}
	}
	for _, s := range expandSchemas([]*jsonschema.Schema{k.compiledSchema()}) {
		if s.If != nil {
			names(s.If)
		}
		if s.Not != nil {
			names(s.Not)
		}
		for _, c := range slices.Concat(s.AnyOf, s.OneOf) {
			names(c)
		}
		dependencies(s, r.reads)
	}
	rootReadsCache.Store(k, r)
	return r.reads, r.whole
}

// sectionDraft is obj with only the top-level answers keep allows (obj
// itself when it keeps them all).
func sectionDraft(obj map[string]any, keep func(string) bool) map[string]any {
	for p := range obj {
		if !keep(p) {
			out := make(map[string]any, len(obj))
			for p, v := range obj {
				if keep(p) {
					out[p] = v
				}
			}
			return out
		}
	}
	return obj
}

// dependencies marks in reads the answers x's dependentRequired and
// dependentSchemas read: each key, and the answers a key requires.
func dependencies(x *jsonschema.Schema, reads map[string]bool) {
	for p, deps := range x.DependentRequired {
		reads[p] = true
		for _, d := range deps {
			reads[d] = true
		}
	}
	for p := range x.DependentSchemas {
		reads[p] = true
	}
}
