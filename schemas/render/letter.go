package render

import (
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

// letter is a printed request in one language: a list of rows of HTML.
// The rows depend on the draft only, never on the language, so that two
// letters of one draft align row by row in a bilingual print.
type letter struct {
	lang, dir string
	title     string // the kind's title, for <title>
	reference string
	loc       *locales.Localizer
	mark      string // the draft mark on every page, "" for a final request
	rows      []row

	v       map[string]any
	kind    string
	by      map[string]*schemas.Field // visible fields by pointer
	top     []*schemas.Field          // visible top-level fields in form order
	used    map[string]bool           // top-level properties already printed
	n       int                       // the last section number
	data    int                       // the number of the data section, once printed
	origin  language.Tag              // the language of the original
	twoCols bool
	// translations are the answers' translations when this letter is in
	// the draft's translation language (nil otherwise).
	translations map[string]schemas.Translation
}

// row is one paragraph, box, table or heading of the letter.
type row struct {
	class string // evd-print__<class> on the row
	html  string
}

// compose builds the letter of draft v in lang; origin is the language of
// the original (the draft's), named when the letter is printed in another
// language or in two. In the draft's translation language the answers are
// printed as translated.
func compose(v any, lang, origin language.Tag, twoCols bool) (*letter, error) {
	form, err := schemas.BuildForm(v, schemas.FormOptions{Lang: lang})
	if err != nil {
		return nil, err
	}
	obj, _ := v.(map[string]any)
	l := &letter{lang: form.Lang, dir: form.Dir, title: form.Title, loc: locales.For(lang).Terms(schemas.TermsOf(obj)), v: obj, kind: form.Kind,
		by: map[string]*schemas.Field{}, used: map[string]bool{"kind": true, "schemaVersion": true, "tracking": true /* after sending: not part of the request */}, origin: origin, twoCols: twoCols}
	for _, s := range form.Sections {
		index(s.Fields, l.by)
		for _, f := range s.Fields {
			if f.Visible {
				l.top = append(l.top, f)
			}
		}
	}
	l.reference = l.text("/reference")
	if tl, _ := obj["translationLanguage"].(string); lang != origin && tl != "" && locales.Match(tl) == lang {
		l.translations = schemas.Translations(obj)
	}
	l.compose()
	return l, nil
}

func index(fields []*schemas.Field, by map[string]*schemas.Field) {
	for _, f := range fields {
		if !f.Visible {
			continue
		}
		by[f.Pointer] = f
		index(f.Fields, by)
		index(f.Items, by)
	}
}

// ---- reading the draft ----

// field is the visible field at ptr, nil if hidden or absent.
func (l *letter) field(ptr string) *schemas.Field {
	if f := l.by[ptr]; f != nil && f.Value != nil {
		return f
	}
	return nil
}

// str is the raw answer at ptr ("" if none or hidden), trimmed: for
// deciding what to write, never for printing (text is the one display).
func (l *letter) str(ptr string) string {
	if f := l.field(ptr); f != nil {
		if s, ok := f.Value.(string); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// text is the answer at ptr as it is read: dates written out, codes
// named; in the translation's column, free text as translated.
func (l *letter) text(ptr string) string {
	f := l.field(ptr)
	if f == nil {
		return ""
	}
	if l.translations != nil && schemas.Translatable(f) {
		tr := l.translations[ptr]
		if tr.Text != "" && tr.Of == strings.TrimSpace(f.Value.(string)) {
			return schemas.CapText(tr.Text, f.MaxLength, l.loc)
		}
		return l.say("letter.untranslated", "Text", f.Text)
	}
	return f.Text
}

// label is the question's label at ptr.
func (l *letter) label(ptr string) string {
	if f := l.by[ptr]; f != nil {
		return f.Label
	}
	return ""
}

func (l *letter) yes(ptr string) bool {
	f := l.field(ptr)
	return f != nil && f.Value == true
}

// count is the number of items of the list at ptr.
func (l *letter) count(ptr string) int {
	if f := l.field(ptr); f != nil {
		return len(f.Items)
	}
	return 0
}

func (l *letter) has(prop string) bool { return l.field("/"+prop) != nil }

// then joins two sentences of one paragraph as the language does.
func (l *letter) then(a, b string) string {
	if base, _ := l.loc.Tag().Base(); base.String() == "zh" {
		return a + b // Chinese puts no space after 。
	}
	return a + " " + b
}

// say formats a message with its parameters given as name, value pairs:
// one slice where a map literal at each of the letter's hundred calls
// cost app.wasm tens of kilobytes.
func (l *letter) say(id string, kv ...any) string {
	params := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		params[kv[i].(string)] = kv[i+1]
	}
	return l.loc.Message(id, params)
}

// msg formats a message of the letter's language.
func (l *letter) msg(id string, params map[string]any) string { return l.loc.Message(id, params) }

// ---- building rows ----

func (l *letter) add(class, html string) {
	if html != "" {
		l.rows = append(l.rows, row{class: class, html: html})
	}
}

// section starts a numbered section; with a first paragraph so that its
// heading never ends a page alone.
func (l *letter) section(title, first string) int {
	l.n++
	h := `<h2 class="evd-print__heading">` + esc(l.say("print.section", "N", l.n, "Title", title)) + "</h2>"
	l.add("section", h+first)
	return l.n
}

// para is a paragraph of the letter's own words, with user text isolated.
func para(s string) string {
	if s == "" {
		return ""
	}
	return "<p>" + codes(esc(s)) + "</p>"
}

// codes keeps each identifier a sentence holds (between U+2066 and
// U+2069, see ltr) on one line: a reference cut at its hyphen reads as two.
func codes(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "\u2066")
		if i < 0 {
			break
		}
		j := strings.Index(s[i:], "\u2069")
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		b.WriteString(`<span class="evd-print__code">` + s[i:i+j+len("\u2069")] + "</span>")
		s = s[i+j+len("\u2069"):]
	}
	b.WriteString(s)
	return b.String()
}

// answer is a free-text answer under its label: the user's own words,
// line breaks kept.
func (l *letter) answer(ptr string) string {
	t := l.text(ptr)
	if t == "" {
		return ""
	}
	return `<h3 class="evd-print__label">` + esc(l.label(ptr)) + `</h3><p class="evd-print__answer"` + dirAttr(l.field(ptr)) + "><bdi>" + esc(t) + "</bdi></p>"
}

func dirAttr(f *schemas.Field) string {
	if f != nil && f.Dir == "ltr" {
		return ` dir="ltr"`
	}
	return ""
}

// ltr isolates an identifier, code or date inside a sentence, left to
// right whatever the language (U+2066 ... U+2069).
func ltr(s string) string { return "\u2066" + s + "\u2069" }

// isolate keeps user text with its own direction inside a sentence
// (U+2068 ... U+2069), so that hostile bidi controls stay inside it.
func isolate(s string) string { return "\u2068" + s + "\u2069" }

// ---- the letter ----

func (l *letter) compose() {
	if euKind(l.kind) {
		l.certificate()
		return
	}
	if l.kind == "emergency" {
		l.emergencyBox()
	}
	l.letterhead()
	l.subject()
	l.urgencyBox()
	l.confidentialityBox()
	if l.twoCols || l.loc.Tag() != l.origin {
		l.add("original", para(l.say("letter.original", "Language", l.loc.LanguageName(l.origin.String()))))
	}
	l.operative()
	l.legalBasis()
	l.caseFacts()
	l.dataItems()
	l.measure()
	l.undertakings()
	l.earlier()
	l.contacts()
	l.rest()
	l.signature()
	// The operative paragraph names the data section, numbered only now.
	if l.data == 0 {
		l.data = l.n + 1
	}
	num := l.say("words.number", "N", l.data)
	for i := range l.rows {
		l.rows[i].html = strings.ReplaceAll(l.rows[i].html, dataSection, num)
	}
}

// dataSection stands for the data section's number until it is known.
const dataSection = "\uE010"

func (l *letter) mark_(props ...string) {
	for _, p := range props {
		l.used[p] = true
	}
}

// emergencyBox: for an emergency the danger and the deadline come first.
func (l *letter) emergencyBox() {
	l.mark_("emergency", "issuedAt")
	var b strings.Builder
	b.WriteString(`<p class="evd-print__box-title">` + esc(l.msg("letter.emergency.title", nil)) + "</p>")
	if r := l.text("/emergency/risk"); r != "" {
		b.WriteString(para(l.say("letter.emergency.risk", "Risk", r)))
	}
	if p := l.str("/emergency/personsAtRisk"); p != "" {
		b.WriteString(para(l.say("letter.emergency.persons", "Persons", isolate(l.text("/emergency/personsAtRisk")))))
	}
	b.WriteString(l.answer("/emergency/facts"))
	if d := l.deadline(); d != "" {
		b.WriteString(`<p class="evd-print__strong">` + esc(d) + "</p>")
	}
	if t := l.text("/issuedAt"); t != "" {
		b.WriteString(para(l.say("letter.emergency.issued", "Time", t)))
	}
	l.add("box evd-print__box--danger", b.String())
}

// letterhead: the authority, its reference and the date; the addressee.
func (l *letter) letterhead() {
	l.mark_("reference", "issueDate", "language", "translationLanguage", "translations", "requestingAuthority", "requestedState", "addressee")
	var from strings.Builder
	from.WriteString(`<div class="evd-print__from">`)
	if n := l.text("/requestingAuthority/name"); n != "" {
		from.WriteString(`<p class="evd-print__strong"><bdi>` + esc(n) + "</bdi></p>")
	}
	if a := l.text("/requestingAuthority/address"); a != "" {
		from.WriteString(`<p class="evd-print__answer"><bdi>` + esc(a) + "</bdi></p>")
	}
	if c := l.text("/requestingAuthority/country"); c != "" && !strings.Contains(l.text("/requestingAuthority/address"), c) {
		from.WriteString("<p>" + esc(c) + "</p>")
	}
	from.WriteString(`</div><div class="evd-print__ref">`)
	if r := l.reference; r != "" {
		from.WriteString(para(l.say("letter.ourReference", "Reference", ltr(r))))
	}
	if d := l.text("/issueDate"); d != "" {
		from.WriteString(para(l.say("print.date", "Date", d)))
	}
	from.WriteString("</div>")
	l.add("head", from.String())

	var to strings.Builder
	country := l.text("/requestedState/country")
	to.WriteString(`<p class="evd-print__to-label">` + esc(l.msg("letter.to", nil)) + "</p>")
	if a := l.text("/requestedState/authority"); a != "" {
		to.WriteString(`<p class="evd-print__strong"><bdi>` + esc(a) + "</bdi></p>")
		if addr := l.text("/requestedState/address"); addr != "" {
			to.WriteString(`<p class="evd-print__answer"><bdi>` + esc(addr) + "</bdi></p>")
		}
		if country != "" && !strings.Contains(l.text("/requestedState/address"), country) {
			to.WriteString("<p>" + esc(country) + "</p>")
		}
	} else if country != "" {
		to.WriteString(para(l.say("letter.toCompetent", "State", l.state())))
	} else if a := l.text("/addressee/name"); a != "" { // a request sent directly to a provider
		to.WriteString(`<p class="evd-print__strong"><bdi>` + esc(a) + "</bdi></p>")
		addr := l.text("/addressee/address")
		if addr != "" {
			to.WriteString(`<p class="evd-print__answer"><bdi>` + esc(addr) + "</bdi></p>")
		}
		if c := l.text("/addressee/country"); c != "" && !strings.Contains(addr, c) {
			to.WriteString("<p>" + esc(c) + "</p>")
		}
	}
	l.add("to", to.String())
}

// theStates are the States English names with "the" inside a sentence.
var theStates = map[string]bool{"US": true, "GB": true, "NL": true, "PH": true, "BS": true, "GM": true, "AE": true,
	"DO": true, "CF": true, "KM": true, "MV": true, "SC": true, "SB": true, "MH": true, "VA": true, "CK": true}

// state is the requested State's name as a sentence holds it.
func (l *letter) state() string {
	ptr := "/requestedState/country"
	if l.str(ptr) == "" {
		ptr = "/addressee/country" // a request sent directly to a provider
	}
	name := l.text(ptr)
	if base, _ := l.loc.Tag().Base(); base.String() == "en" && theStates[l.str(ptr)] {
		return "the " + name
	}
	return name
}

// subject: what the letter is, and its status (new, extension, follow-up).
func (l *letter) subject() {
	var b strings.Builder
	b.WriteString(`<p class="evd-print__subject">` + esc(l.subjectLine()) + "</p>")
	status := l.msg("letter.status.new", nil)
	switch {
	case l.has("extensionOf"):
		l.mark_("extensionOf")
		status = l.linkSentence("letter.status.extension", "/extensionOf")
	case l.has("preservationRequest"):
		l.mark_("preservationRequest")
		id := "letter.status.followUp"
		if l.kind == "traffic-disclosure" {
			id = "letter.status.inExecution"
		}
		status = l.linkSentence(id, "/preservationRequest")
	}
	b.WriteString(para(status))
	l.add("subject", b.String())
}

func (l *letter) subjectLine() string {
	if id := "letter.subject." + l.kind; locales.Has(id) {
		return l.msg(id, nil)
	}
	return l.say("letter.subject", "Title", l.title)
}

// linkSentence names an earlier request: its reference and date, the
// requested State's reference and the preservation's expiry if given.
func (l *letter) linkSentence(id, ptr string) string {
	s := l.say(id, "Reference", ltr(l.text(ptr+"/reference")), "Date", l.text(ptr+"/date"))
	if r := l.text(ptr + "/requestedStateReference"); r != "" {
		s = l.then(s, l.say("letter.theirReference", "Reference", ltr(r)))
	}
	if e := l.text(ptr + "/expires"); e != "" {
		s = l.then(s, l.say("letter.expires", "Date", e))
	}
	return s
}

// deadline is the sentence giving the answer's deadline, in the
// requesting authority's time and the requested State's, "" if none.
func (l *letter) deadline() string {
	raw := l.str("/urgency/deadline")
	if raw == "" {
		return ""
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return ""
	}
	when := l.loc.DateTime(t)
	if zone := l.str("/requestedState/timeZone"); zone != "" {
		if off, ok := locales.CurrentWords().Offset(zone, t); ok {
			_, own := t.Zone()
			if off != own {
				there := t.In(time.FixedZone("", off))
				return l.say("letter.deadlineThere", "Deadline", when, "There", l.loc.DateTime(there), "State", l.state())
			}
		}
	}
	return l.say("letter.deadline", "Deadline", when)
}

func (l *letter) urgencyBox() {
	l.mark_("urgency")
	if !l.yes("/urgency/urgent") {
		return
	}
	var b strings.Builder
	b.WriteString(`<p class="evd-print__box-title">` + esc(l.msg("letter.urgent", nil)) + "</p>")
	if l.kind != "emergency" {
		b.WriteString(para(l.deadline()))
	}
	if r := l.text("/urgency/reasons"); r != "" {
		b.WriteString(`<p class="evd-print__answer"><bdi>` + esc(r) + "</bdi></p>")
	}
	l.add("box", b.String())
}

func (l *letter) confidentialityBox() {
	l.mark_("confidentiality")
	conf, notify := l.yes("/confidentiality/confidential"), l.yes("/confidentiality/nonNotification")
	if !conf && !notify {
		return
	}
	var b strings.Builder
	b.WriteString(`<p class="evd-print__box-title">` + esc(l.msg("letter.confidential", nil)) + "</p>")
	if conf {
		b.WriteString(para(l.msg("letter.confidential.keep", nil)))
	}
	if notify {
		b.WriteString(para(l.msg("letter.confidential.noNotice", nil)))
	}
	if r := l.text("/confidentiality/reasons"); r != "" {
		b.WriteString(para(l.say("letter.reasons", "Reasons", isolate(r))))
	}
	l.add("box", b.String())
}

// operative: the request itself, in full sentences.
func (l *letter) operative() {
	authority := isolate(l.text("/requestingAuthority/name"))
	state := l.state()
	p := map[string]any{"Authority": authority, "State": state, "Section": dataSection}
	var s string
	switch l.kind {
	case "preservation":
		l.mark_("preservationDays", "followUpRequest")
		p["Period"], p["FollowUp"] = "", ""
		if d := l.field("/preservationDays"); d != nil {
			p["Period"] = l.say("letter.op.period", "Days", d.Text)
		}
		if l.yes("/followUpRequest") {
			p["FollowUp"] = l.msg("letter.op.followUp", nil)
		}
		s = l.msg("letter.op.preservation", p)
	case "traffic-disclosure":
		p["Provider"] = isolate(l.text("/identifiedProvider/name"))
		if p["Provider"] == isolate("") {
			s = l.msg("letter.op.trafficDisclosureUnnamed", p)
		} else {
			s = l.msg("letter.op.trafficDisclosure", p)
		}
	case "stored-data":
		s = l.msg("letter.op.storedData", p)
	case "mla":
		p["Types"] = l.text("/assistance/types")
		s = l.msg("letter.op.mla", p)
	case "realtime-traffic", "interception":
		id := "letter.op.realtime"
		if l.kind == "interception" {
			id = "letter.op.interception"
		}
		p["Period"] = ""
		if a, b := l.text("/period/start"), l.text("/period/end"); a != "" && b != "" {
			p["Period"] = l.say("letter.op.from", "Start", a, "End", b)
		}
		s = l.msg(id, p)
	case "emergency":
		s = l.msg("letter.op.emergency", p)
	case "subscriber-order", "domain-registration":
		p["Addressee"] = isolate(l.text("/addressee/name"))
		id := "letter.op.subscriberOrder"
		if l.kind == "domain-registration" {
			id = "letter.op.domainRegistration"
		}
		s = l.msg(id, p)
	default:
		s = l.say("letter.op.other", "Authority", authority, "State", state, "Title", l.title, "Section", dataSection)
	}
	if l.str("/requestingAuthority/name") == "" || state == "" {
		s = "" // no sentence with a hole in it; the check lists what is missing
	}
	l.section(l.msg("letter.section.request", nil), para(s))
}

func (l *letter) hasCase() bool {
	return l.has("investigation") || l.has("offences") || l.has("facts") || l.has("persons")
}

// legalBasis cites every instrument in full, with its provisions.
func (l *letter) legalBasis() {
	l.mark_("legalBasis")
	var cites []string
	for i := range l.count("/legalBasis") {
		ptr := "/legalBasis/" + strconv.Itoa(i)
		inst := l.str(ptr + "/instrument")
		if inst == "" {
			continue
		}
		if full := l.text(ptr + "/text"); full != "" {
			cites = append(cites, isolate(full))
			continue
		}
		name := l.msg("letter.instrument."+inst, nil)
		var provs []string
		for j := range l.count(ptr + "/citations") {
			c := ptr + "/citations/" + strconv.Itoa(j)
			a, para, point := l.text(c+"/article"), l.text(c+"/paragraph"), l.text(c+"/point")
			if a == "" {
				continue
			}
			id := "letter.article"
			if para != "" {
				id += "Paragraph"
			}
			if point != "" {
				id += "Point"
			}
			provs = append(provs, l.say(id, "Article", ltr(a), "Paragraph", ltr(para), "Point", ltr(point)))
		}
		if len(provs) > 0 {
			cites = append(cites, l.say("letter.provisionsOf", "Provisions", l.loc.List(provs), "Instrument", name))
		} else {
			cites = append(cites, name)
		}
	}
	// The statements the Second Additional Protocol's direct requests make.
	l.mark_("underProtocol", "specificInvestigation", "domesticGrounds")
	var more strings.Builder
	if l.yes("/underProtocol") {
		id := "letter.cets.statement"
		if l.kind == "subscriber-order" {
			id = "letter.cets.statementOrder"
		}
		more.WriteString(para(l.msg(id, nil)))
	}
	if l.yes("/specificInvestigation") {
		more.WriteString(para(l.msg("letter.cets.specific", nil)))
	}
	more.WriteString(l.answer("/domesticGrounds"))
	if len(cites) == 0 && more.Len() == 0 {
		return
	}
	first := ""
	if len(cites) > 0 {
		first = para(l.say("letter.basis", "Bases", strings.Join(cites, l.msg("letter.basesSeparator", nil))))
	}
	l.section(l.msg("letter.section.legalBasis", nil), first+more.String())
}

// caseFacts: the investigation, the offences with their penalties, the facts.
func (l *letter) caseFacts() {
	if !l.hasCase() {
		return
	}
	l.mark_("investigation", "offences", "facts", "persons")
	var b strings.Builder
	if l.has("investigation") {
		stage, who, fn := l.text("/investigation/stage"), l.text("/investigation/conductingAuthority/name"), l.text("/investigation/conductingAuthority/functions")
		if stage != "" && who != "" {
			s := l.say("letter.case.conducted", "Stage", stage, "Authority", isolate(who))
			if fn != "" {
				s = l.then(s, l.say("letter.case.functions", "Functions", isolate(fn)))
			}
			if r := l.text("/investigation/caseReference"); r != "" {
				s = l.then(s, l.say("letter.case.reference", "Reference", ltr(r)))
			}
			b.WriteString(para(s))
		}
		b.WriteString(l.answer("/investigation/subjectMatter"))
	}
	b.WriteString(l.offenceList())
	b.WriteString(l.answer("/facts"))
	l.section(l.msg("letter.section.case", nil), b.String())
	if n := l.count("/persons"); n > 0 {
		l.add("block", l.generic(l.field("/persons")))
	}
}

// offenceList: the offences with their provisions and penalties.
func (l *letter) offenceList() string {
	n := l.count("/offences")
	if n == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<h3 class="evd-print__label">` + esc(l.label("/offences")) + `</h3><ol class="evd-print__list">`)
	for i := range n {
		ptr := "/offences/" + strconv.Itoa(i)
		s := l.say("letter.offence", "Name", isolate(l.text(ptr+"/name")), "Provision", isolate(l.text(ptr+"/provision")))
		switch {
		case l.text(ptr+"/penaltyText") != "":
			s = l.then(s, l.say("letter.penaltyText", "Penalty", isolate(l.text(ptr+"/penaltyText"))))
		case l.yes(ptr + "/lifeImprisonment"):
			s = l.then(s, l.msg("letter.penaltyLife", nil))
		case l.field(ptr+"/maximumPenaltyYears") != nil:
			if y, err := strconv.ParseFloat(l.text(ptr+"/maximumPenaltyYears"), 64); err == nil {
				s = l.then(s, l.say("letter.penaltyYears", "Years", int(y)))
			}
		}
		if o := l.text(ptr + "/requestedStateOffence"); o != "" {
			s = l.then(s, l.say("letter.dualCriminality", "Corresponding", isolate(o)))
		}
		b.WriteString("<li>" + esc(s) + "</li>")
	}
	b.WriteString("</ol>")
	return b.String()
}

// dataItems: one table, a row per item.
func (l *letter) dataItems() {
	l.mark_("dataSought", "itemsOrAccounts", "identifiedProvider", "trafficData", "transmissionPath", "timePeriod", "assistance", "domainName", "dataElements", "registrationPeriod")
	var b strings.Builder
	if d := l.text("/domainName"); d != "" {
		b.WriteString(para(l.say("letter.cets.domain", "Domain", ltr(d))))
	}
	b.WriteString(l.answer("/dataElements"))
	if a, z := l.text("/registrationPeriod/start"), l.text("/registrationPeriod/end"); a != "" && z != "" {
		b.WriteString(`<h3 class="evd-print__label">` + esc(l.label("/registrationPeriod")) + "</h3>" + para(l.say("letter.fromTo", "Start", a, "End", z)))
	}
	if f := l.field("/assistance"); f != nil {
		for _, c := range f.Fields {
			if c.Name != "types" { // the operative paragraph names them
				b.WriteString(l.generic(c))
			}
		}
	}
	b.WriteString(l.dataTable())
	if n := l.count("/itemsOrAccounts"); n > 0 {
		b.WriteString(`<h3 class="evd-print__label">` + esc(l.label("/itemsOrAccounts")) + `</h3><ol class="evd-print__list">`)
		for i := range n {
			b.WriteString("<li>" + l.identifier("/itemsOrAccounts/"+strconv.Itoa(i)) + "</li>")
		}
		b.WriteString("</ol>")
	}
	if l.has("identifiedProvider") {
		p := "/identifiedProvider"
		b.WriteString(`<h3 class="evd-print__label">` + esc(l.label(p)) + "</h3><p>" + l.provider(p) + "</p>")
	}
	b.WriteString(l.answer("/trafficData"))
	b.WriteString(l.answer("/transmissionPath"))
	if a, z := l.text("/timePeriod/start"), l.text("/timePeriod/end"); a != "" && z != "" {
		b.WriteString(`<h3 class="evd-print__label">` + esc(l.label("/timePeriod")) + "</h3>" + para(l.say("letter.fromTo", "Start", a, "End", z)))
	}
	if b.Len() == 0 {
		return
	}
	l.data = l.section(l.msg("letter.section.data", nil), b.String())
}

// dataTable: the data items as one table, a row per item.
func (l *letter) dataTable() string {
	n := l.count("/dataSought")
	if n == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<table class="evd-print__table"><thead><tr>`)
	for _, h := range []string{"no", "provider", "identifier", "data", "period", "link"} {
		b.WriteString("<th>" + esc(l.msg("letter.table."+h, nil)) + "</th>")
	}
	b.WriteString("</tr></thead><tbody>")
	for i := range n {
		ptr := "/dataSought/" + strconv.Itoa(i)
		b.WriteString("<tr><td>" + esc(l.say("words.number", "N", i+1)) + "</td>")
		b.WriteString("<td>" + l.provider(ptr+"/provider") + "</td>")
		b.WriteString("<td>" + l.identifier(ptr+"/identifier") + "</td>")
		b.WriteString("<td>" + l.cell(l.text(ptr+"/category")) + l.cellText(ptr+"/description") + "</td>")
		b.WriteString("<td>" + l.period(ptr+"/timeRange") + "</td>")
		b.WriteString("<td>" + l.cellText(ptr+"/relationToOffence") + "</td></tr>")
	}
	b.WriteString("</tbody></table>")
	return b.String()
}

// provider: name, service, address and country (unless the address
// names it).
func (l *letter) provider(ptr string) string {
	addr, country := l.text(ptr+"/address"), l.text(ptr+"/country")
	if strings.Contains(addr, country) {
		country = ""
	}
	return l.cell(l.text(ptr+"/name"), l.text(ptr+"/service"), addr, country)
}

// cell is lines of text in a table cell, empty ones left out.
func (l *letter) cell(lines ...string) string {
	var b strings.Builder
	for i, s := range lines {
		if s == "" {
			continue
		}
		if i == 0 {
			b.WriteString("<strong><bdi>" + esc(s) + "</bdi></strong>")
		} else {
			b.WriteString("<br><bdi>" + esc(s) + "</bdi>")
		}
	}
	return b.String()
}

func (l *letter) cellText(ptr string) string {
	if t := l.text(ptr); t != "" {
		return `<p class="evd-print__answer"><bdi>` + esc(t) + "</bdi></p>"
	}
	return ""
}

// identifier: type, the value exactly as entered, the time of use with its
// zone, the port.
func (l *letter) identifier(ptr string) string {
	var b strings.Builder
	if t := l.text(ptr + "/type"); t != "" {
		b.WriteString(esc(t) + "<br>")
	}
	if v := l.text(ptr + "/value"); v != "" {
		b.WriteString(`<bdi dir="ltr" class="evd-print__id">` + esc(v) + "</bdi>")
	}
	if c := l.text(ptr + "/chain"); c != "" {
		b.WriteString("<br>" + esc(c))
	}
	if s := l.text(ptr + "/service"); s != "" {
		b.WriteString("<br><bdi>" + esc(s) + "</bdi>")
	}
	if ts := l.text(ptr + "/timestamp"); ts != "" {
		b.WriteString("<br>" + esc(l.say("letter.usedAt", "Time", ts)))
	}
	if z := l.str(ptr + "/timeZone"); z != "" {
		at := time.Time{}
		if t, err := time.Parse(time.RFC3339, l.str(ptr+"/timestamp")); err == nil {
			at = t
		}
		b.WriteString("<br>" + esc(l.say("letter.recordsIn", "Zone", l.loc.Zone(z, at))))
	}
	if p := l.text(ptr + "/port"); p != "" {
		b.WriteString("<br>" + esc(l.say("letter.port", "Port", ltr(p))))
	}
	return b.String()
}

func (l *letter) period(ptr string) string {
	a, z := l.text(ptr+"/start"), l.text(ptr+"/end")
	switch {
	case a != "" && z != "":
		return esc(l.say("letter.fromTo", "Start", a, "End", z))
	case a != "":
		return esc(a)
	}
	return ""
}

// measure: what the kind asks for besides the data: necessity, purpose,
// procedure, period, justification and the like, under their labels.
func (l *letter) measure() {
	var b strings.Builder
	for _, f := range l.topFields("measure") {
		l.used[f.Name] = true
		if f.Name == "period" {
			if a, z := l.text("/period/start"), l.text("/period/end"); a != "" && z != "" {
				b.WriteString(`<h3 class="evd-print__label">` + esc(f.Label) + "</h3>" + para(l.say("letter.fromTo", "Start", a, "End", z)))
			}
			b.WriteString(l.answer("/period/durationJustification"))
			continue
		}
		b.WriteString(l.generic(f))
	}
	if b.Len() > 0 {
		l.section(l.msg("letter.section.measure", nil), b.String())
	}
}

// topFields lists the visible, answered top-level fields of a section not
// yet printed, in form order.
func (l *letter) topFields(section string) []*schemas.Field {
	var out []*schemas.Field
	for _, f := range l.top {
		if !l.used[f.Name] && schemas.SectionOf(f.Name) == section && f.Value != nil {
			out = append(out, f)
		}
	}
	return out
}

// generic prints a field the letter has no sentence for: free text under
// its label, a true yes/no answer as its label (a statement), a group as
// its answered parts, a list item by item.
func (l *letter) generic(f *schemas.Field) string {
	if f == nil || !f.Visible || f.Value == nil {
		return ""
	}
	switch f.Widget {
	case "group":
		var b strings.Builder
		for _, c := range f.Fields {
			b.WriteString(l.generic(c))
		}
		if b.Len() == 0 {
			return ""
		}
		return `<div class="evd-print__group"><h3 class="evd-print__label">` + esc(f.Label) + "</h3>" + b.String() + "</div>"
	case "groups":
		var b strings.Builder
		for _, it := range f.Items {
			var inner strings.Builder
			for _, c := range it.Fields {
				inner.WriteString(l.generic(c))
			}
			if inner.Len() > 0 {
				b.WriteString(`<div class="evd-print__item"><h4 class="evd-print__label">` + esc(it.Label) + "</h4>" + inner.String() + "</div>")
			}
		}
		if b.Len() == 0 {
			return ""
		}
		return `<h3 class="evd-print__label">` + esc(f.Label) + "</h3>" + b.String()
	case "checkbox":
		if f.Value == true {
			return para(f.Label + ".")
		}
		return ""
	}
	text := l.text(f.Pointer) // the translation, in its column
	if text == "" {
		return ""
	}
	if f.Widget == "textarea" {
		return `<h3 class="evd-print__label">` + esc(f.Label) + `</h3><p class="evd-print__answer"` + dirAttr(f) + "><bdi>" + esc(text) + "</bdi></p>"
	}
	v := isolate(text)
	if f.Dir == "ltr" {
		v = ltr(text)
	}
	return para(l.say("letter.labelled", "Label", f.Label, "Value", v))
}

// undertakings: what the requesting State commits to, and the safeguards
// the measure was ordered under.
func (l *letter) undertakings() {
	l.mark_("safeguards", "dataProtection")
	var b strings.Builder
	if l.kind == "preservation" && l.yes("/followUpRequest") {
		b.WriteString(para(l.msg("letter.undertake.followUp", nil)))
	}
	if l.has("safeguards") {
		body, name := l.text("/safeguards/authorisingBody"), l.text("/safeguards/authorisingBodyName")
		if body != "" {
			s := l.say("letter.authorisedBy", "Body", body)
			if name != "" {
				s = l.say("letter.authorisedByNamed", "Body", body, "Name", isolate(name))
			}
			if r := l.text("/safeguards/authorisationReference"); r != "" {
				s = l.then(s, l.say("letter.authorisationReference", "Reference", ltr(r)))
			}
			if d := l.text("/safeguards/authorisationDate"); d != "" {
				s = l.then(s, l.say("letter.authorisationDate", "Date", d))
			}
			if d := l.text("/safeguards/requestedDuration"); d != "" {
				s = l.then(s, l.say("letter.authorisedDuration", "Duration", isolate(d)))
			}
			b.WriteString(para(s))
		}
		b.WriteString(l.answer("/safeguards/necessity"))
	}
	b.WriteString(l.answer("/dataProtection/useLimitation"))
	b.WriteString(l.answer("/dataProtection/onwardTransfer"))
	if r := l.text("/dataProtection/retention"); r != "" {
		b.WriteString(para(l.say("letter.retention", "Retention", isolate(r))))
	}
	if b.Len() > 0 {
		l.section(l.msg("letter.section.undertakings", nil), b.String())
	}
}

func (l *letter) earlier() {
	l.mark_("earlierRequests")
	n := l.count("/earlierRequests")
	if n == 0 {
		return
	}
	var b strings.Builder
	b.WriteString(`<ul class="evd-print__list">`)
	for i := range n {
		ptr := "/earlierRequests/" + strconv.Itoa(i)
		s := l.linkSentence("letter.earlier", ptr)
		if k := l.text(ptr + "/kind"); k != "" {
			s = l.say("letter.earlierKind", "Kind", k, "Request", s)
		}
		b.WriteString("<li>" + esc(s) + "</li>")
	}
	b.WriteString("</ul>")
	l.section(l.msg("letter.section.earlier", nil), b.String())
}

// contacts: the channel, who to call, when, and how to reply.
func (l *letter) contacts() {
	l.mark_("channel")
	var b strings.Builder
	if c := l.text("/channel/type"); c != "" {
		b.WriteString(para(l.say("letter.channel", "Channel", c)))
	}
	zone := l.str("/requestingAuthority/timeZone")
	b.WriteString(l.contact("/requestingAuthority/contact", "letter.contact", zone))
	b.WriteString(l.contact("/channel/contact247", "letter.contact247", ""))
	if l.reference != "" {
		reply := l.text("/requestingAuthority/contact/email")
		if reply != "" {
			b.WriteString(para(l.say("letter.reply", "Email", ltr(reply), "Reference", ltr(l.reference))))
		} else {
			b.WriteString(para(l.say("letter.replyQuote", "Reference", ltr(l.reference))))
		}
	}
	if b.Len() > 0 {
		l.section(l.msg("letter.section.contacts", nil), b.String())
	}
}

func (l *letter) contact(ptr, id, zone string) string {
	name := l.text(ptr + "/name")
	if name == "" {
		return ""
	}
	who := isolate(name)
	if r := l.text(ptr + "/role"); r != "" {
		who = l.say("letter.nameRole", "Name", isolate(name), "Role", isolate(r))
	}
	var ways []string
	if p := l.text(ptr + "/phone"); p != "" {
		ways = append(ways, l.say("letter.byPhone", "Phone", ltr(p)))
	}
	if e := l.text(ptr + "/email"); e != "" {
		ways = append(ways, l.say("letter.byEmail", "Email", ltr(e)))
	}
	if len(ways) == 0 {
		return "" // no sentence with a hole in it; the check asks for them
	}
	s := l.say(id, "Person", who, "Ways", l.loc.List(ways))
	if langs := l.text(ptr + "/languages"); langs != "" {
		s = l.then(s, l.say("letter.speaks", "Languages", langs))
	}
	if zone != "" {
		s = l.then(s, l.say("letter.hours", "Zone", l.loc.Zone(zone, time.Time{})))
	}
	return para(s)
}

// rest prints any answered property the letter has no place for (a kind a
// portal added), so that nothing answered is left out.
func (l *letter) rest() {
	var b strings.Builder
	for _, f := range l.top {
		if l.used[f.Name] || f.Name == "signature" || f.Name == "annexes" {
			continue
		}
		l.used[f.Name] = true
		b.WriteString(l.generic(f))
	}
	if b.Len() > 0 {
		l.section(l.msg("letter.section.other", nil), b.String())
	}
}

// signature: place and date, the signer and their capacity, room for a
// seal, the annexes.
func (l *letter) signature() {
	var b strings.Builder
	place, date := l.text("/signature/place"), l.text("/signature/date")
	switch {
	case place != "" && date != "":
		b.WriteString(para(l.say("print.signedAt", "Place", isolate(place), "Date", date)))
	case date != "":
		b.WriteString(para(l.say("letter.signedOn", "Date", date)))
	}
	b.WriteString(`<div class="evd-print__sign"><div class="evd-print__sign-line">`)
	if n := l.text("/signature/name"); n != "" {
		b.WriteString(`<p class="evd-print__strong"><bdi>` + esc(n) + "</bdi></p>")
	}
	if t := l.text("/signature/title"); t != "" {
		b.WriteString("<p><bdi>" + esc(t) + "</bdi></p>")
	}
	b.WriteString(`</div><div class="evd-print__seal">` + esc(l.msg("letter.seal", nil)) + "</div></div>")
	if n := l.count("/annexes"); n > 0 {
		b.WriteString(`<h3 class="evd-print__label">` + esc(l.msg("letter.annexes", nil)) + `</h3><ol class="evd-print__list">`)
		for i := range n {
			if t := l.text("/annexes/" + strconv.Itoa(i)); t != "" {
				b.WriteString("<li><bdi>" + esc(t) + "</bdi></li>")
			}
		}
		b.WriteString("</ol>")
	}
	l.add("signature", b.String())
}
