package render

import "strings"

// The European Production and Preservation Order Certificates
// (Regulation (EU) 2023/1543, Annexes I and II) are forms, not letters:
// their sections are lettered A, B, C ... in the order of the information
// articles 5(5) and 6(4) list, each printed only when it has an answer.

func euKind(kind string) bool { return kind == "epoc" || kind == "epoc-pr" }

// certificate composes an EPOC or an EPOC-PR.
func (l *letter) certificate() {
	production := l.kind == "epoc"
	emergency := l.yes("/emergency/emergency")
	if emergency {
		var b strings.Builder
		b.WriteString(`<p class="evd-print__box-title">` + esc(l.msg("letter.eu.emergency", nil)) + "</p>")
		if production {
			b.WriteString(`<p class="evd-print__strong">` + esc(l.msg("letter.eu.deadline8h", nil)) + "</p>")
		}
		b.WriteString(l.answer("/emergency/reasons"))
		l.add("box evd-print__box--danger", b.String())
	}
	// Head: the issuing authority, the reference and the date; the title.
	var head strings.Builder
	head.WriteString(`<div class="evd-print__from">`)
	if n := l.text("/requestingAuthority/name"); n != "" {
		head.WriteString(`<p class="evd-print__strong"><bdi>` + esc(n) + "</bdi></p>")
	}
	if a := l.text("/requestingAuthority/address"); a != "" {
		head.WriteString(`<p class="evd-print__answer"><bdi>` + esc(a) + "</bdi></p>")
	}
	head.WriteString(`</div><div class="evd-print__ref">`)
	if r := l.reference; r != "" {
		head.WriteString(para(l.say("letter.ourReference", "Reference", ltr(r))))
	}
	if d := l.text("/issueDate"); d != "" {
		head.WriteString(para(l.say("print.date", "Date", d)))
	}
	head.WriteString("</div>")
	l.add("head", head.String())
	l.add("subject", `<p class="evd-print__subject">`+esc(l.msg("letter.subject."+l.kind, nil))+"</p>"+para(l.msg("letter.eu.annex."+l.kind, nil)))
	if l.twoCols || l.loc.Tag() != l.origin {
		l.add("original", para(l.say("letter.original", "Language", l.loc.LanguageName(l.origin.String()))))
	}

	// A. The addressee and the order (articles 5(5)(b), 6(4)(b), 7).
	var a strings.Builder
	op := "letter.op.epoc"
	if !production {
		op = "letter.op.epocPr"
	}
	if who, state := l.text("/addressee/name"), l.text("/addressee/country"); who != "" && state != "" && l.str("/requestingAuthority/name") != "" {
		a.WriteString(para(l.say(op, "Authority", isolate(l.text("/requestingAuthority/name")), "Addressee", isolate(who),
			"Provider", isolate(l.text("/addressee/serviceProvider")), "State", state, "Section", dataSection)))
	}
	for _, name := range []string{"type", "address", "email", "processor", "processorGround"} {
		a.WriteString(l.generic(l.field("/addressee/" + name)))
	}
	l.lettered(l.msg("letter.eu.section.addressee", nil), a.String())

	// B. Deadlines (articles 10, 11).
	var d strings.Builder
	switch {
	case !production:
		d.WriteString(para(l.msg("letter.eu.preserve", nil)))
		d.WriteString(l.generic(l.field("/subsequentRequest")))
	case emergency:
		d.WriteString(para(l.msg("letter.eu.deadline8h", nil)))
	case l.yes("/notification/notified"):
		d.WriteString(para(l.msg("letter.eu.deadline10notified", nil)))
	default:
		d.WriteString(para(l.msg("letter.eu.deadline10", nil)))
	}
	if to := l.text("/transmitTo"); to != "" {
		d.WriteString(para(l.say("letter.eu.transmitTo", "To", isolate(to))))
	}
	l.lettered(l.msg("letter.eu.section.deadlines", nil), d.String())

	// C. The issuing authority, D. the validating authority (5(5)(a), 6(4)(a)).
	var c strings.Builder
	for _, name := range []string{"type", "country"} {
		c.WriteString(l.generic(l.field("/requestingAuthority/" + name)))
	}
	c.WriteString(l.contact("/requestingAuthority/contact", "letter.contact", l.str("/requestingAuthority/timeZone")))
	l.lettered(l.label("/requestingAuthority"), c.String())
	var v strings.Builder
	if n := l.text("/validatingAuthority/name"); n != "" {
		if date := l.text("/validatingAuthority/date"); date != "" {
			v.WriteString(para(l.say("letter.eu.validatedOn", "Name", isolate(n), "Date", date)))
		} else {
			v.WriteString(para(l.say("letter.eu.validated", "Name", isolate(n))))
		}
		v.WriteString(l.generic(l.field("/validatingAuthority/type")))
		v.WriteString(l.generic(l.field("/validatingAuthority/address")))
		v.WriteString(l.contact("/validatingAuthority/contact", "letter.contact", ""))
	} else if emergency && l.yes("/emergency/withoutPriorValidation") {
		v.WriteString(para(l.msg("letter.eu.expost", nil)))
	}
	l.lettered(l.msg("letter.eu.section.validator", nil), v.String())

	// E. The data (5(5)(c)-(e), 6(4)(c)-(e)).
	if t := l.dataTable(); t != "" {
		l.data = l.lettered(l.msg("letter.section.data", nil), t)
	}
	// F. The applicable provisions of the criminal law (5(5)(f), 6(4)(f)).
	l.lettered(l.label("/offences"), l.offenceList())

	if production {
		// G. Notification of the enforcing authority (article 8).
		var g strings.Builder
		switch {
		case l.yes("/notification/notified"):
			g.WriteString(para(l.say("letter.eu.notified", "Authority", isolate(l.text("/notification/enforcingAuthority")))))
		case l.yes("/notification/exception"):
			g.WriteString(para(l.msg("letter.eu.notNotified", nil)))
		}
		l.lettered(l.msg("letter.eu.section.notification", nil), g.String())
		// H. Informing the user (article 13(2)).
		if l.yes("/userInformation/delayed") {
			l.lettered(l.label("/userInformation"), para(l.label("/userInformation/delayed")+".")+l.answer("/userInformation/justification"))
		}
		// I. For the enforcing authority: necessity and summary (5(5)(i), (j); article 9(2)).
		if l.yes("/notification/notified") {
			l.lettered(l.msg("letter.eu.section.enforcing", nil), l.answer("/necessity")+l.answer("/facts"))
		}
	}

	// Certification and signature (article 9(1)).
	if l.yes("/certification") {
		l.add("block", para(l.msg("letter.eu.certify", nil)))
	}
	l.signature()
	if l.data == 0 {
		l.data = 5
	}
	num := string(rune('A' + l.data - 1))
	for i := range l.rows {
		l.rows[i].html = strings.ReplaceAll(l.rows[i].html, dataSection, num)
	}
}

// lettered starts a section of a certificate, lettered A, B, C ...; an
// empty body prints nothing and takes no letter. It returns the
// section's number (1 for A).
func (l *letter) lettered(title, body string) int {
	if body == "" {
		return 0
	}
	l.n++
	h := `<h2 class="evd-print__heading">` + esc(l.say("letter.eu.section", "Letter", string(rune('A'+l.n-1)), "Title", title)) + "</h2>"
	l.add("section", h+body)
	return l.n
}
