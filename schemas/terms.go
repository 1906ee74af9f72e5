package schemas

import (
	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
)

// TermsOf returns the instrument whose wording of the legal terms a draft
// takes ("" for the catalog's own): the UN Convention's when the draft
// rests on it, since its six language versions are all authentic; else
// the Budapest Convention's when the draft rests on it or on its Second
// Additional Protocol. In Arabic they differ (see locales.Localizer.Terms).
func TermsOf(draft map[string]any) string {
	cites := map[string]bool{}
	for _, lb := range objects(draft["legalBasis"]) {
		if s, ok := lb["instrument"].(string); ok {
			cites[s] = true
		}
	}
	switch {
	case cites["unCybercrime"]:
		return "unCybercrime"
	case cites["budapest"], cites["cets224"]:
		return "budapest"
	}
	return ""
}

// localizerFor is the Localizer of a draft's messages and labels: its
// language, with the terms of the instrument it rests on.
func localizerFor(lang language.Tag, draft map[string]any) *locales.Localizer {
	return locales.For(lang).Terms(TermsOf(draft))
}
