package render

import (
	"strings"
	"time"

	"github.com/evidraft/evidraft/locales"
)

// The head of a letter: the emergency box, the letterhead, the subject
// and status, the urgency and confidentiality boxes.

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
