package render

import (
	"strconv"
	"strings"
	"time"
)

// The data asked for: one table, a row per item, and the identifiers.

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
