package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/evidraft/evidraft/schemas"
)

// The rest of a letter: the measure, the undertakings, earlier requests,
// contacts, any answer without a place (generic), the signature.

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
