package render

import (
	"strconv"
	"strings"
)

// What is asked and why: the operative paragraph, the legal basis, the
// case and its offences.

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
