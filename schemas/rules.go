package schemas

import (
	"encoding/json"
	"math"
	"strconv"
	"time"
)

// Thresholds the warnings use.
const (
	seriousCrimeYears = 4  // UN Convention article 2: "serious crime"
	euThresholdYears  = 3  // Regulation (EU) 2023/1543 article 5(4): production of traffic and content data
	longPeriodDays    = 90 // real-time collection and interception
)

// rules checks what no schema keyword can express: comparisons between
// fields, and the warnings of DOMAIN.md section 5.
func (c *checker) rules() {
	c.walk("", c.draft)
	c.offsets()
	d := c.draft
	switch c.kind.ID {
	case "preservation":
		if b, ok := d["followUpRequest"].(bool); ok && !b {
			c.add("/followUpRequest", "preservation.followUp", Error, nil)
		}
		if _, ok := d["confidentiality"]; !ok {
			c.add("/confidentiality", "confidentiality.missing", Warning, nil)
		}
		for i, item := range objects(d["dataSought"]) {
			p := "/dataSought/" + strconv.Itoa(i)
			if _, ok := item["provider"]; !ok {
				c.add(p+"/provider", "custodian.missing", Warning, nil)
			}
			if end, ok := dateTime(obj(item["timeRange"])["end"]); ok && c.today() && end.After(c.opts.Now) {
				c.add(p+"/timeRange/end", "range.future", Warning, nil)
			}
		}
	case "epoc", "epoc-pr":
		c.euRules()
	case "domain-registration", "subscriber-order":
		// Second Additional Protocol, articles 6 and 7: the statements
		// the request or order must make.
		if b, ok := d["underProtocol"].(bool); ok && !b {
			c.add("/underProtocol", "cets.statement", Error, nil)
		}
		if b, ok := d["specificInvestigation"].(bool); ok && !b {
			c.add("/specificInvestigation", "cets.specific", Error, nil)
		}
	case "realtime-traffic", "interception":
		period := obj(d["period"])
		start, ok1 := dateTime(period["start"])
		end, ok2 := dateTime(period["end"])
		if days := end.Sub(start).Hours() / 24; ok1 && ok2 && days > longPeriodDays {
			c.add("/period/end", "period.long", Warning, map[string]any{"Days": int(math.Ceil(days))})
		}
	}
	for _, name := range []string{"preservationRequest", "extensionOf"} {
		// The data an EPOC-PR preserved may be sought by mutual
		// assistance too (its subsequent request, article 6(2)).
		if k, ok := obj(d[name])["kind"].(string); ok && k != "preservation" && !(k == "epoc-pr" && name == "preservationRequest") {
			c.add("/"+name+"/kind", "link.kind", Error, nil)
		}
	}
	c.trackingRules()
	if dl, ok := dateTime(obj(d["urgency"])["deadline"]); ok && c.today() && dl.Before(c.opts.Now) {
		c.add("/urgency/deadline", "deadline.past", Warning, nil)
	}
	if issue, ok := d["issueDate"].(string); ok && c.today() && issue > c.opts.Now.Add(24*time.Hour).Format(time.DateOnly) {
		c.add("/issueDate", "date.future", Warning, nil)
	}
	c.penalties()
}

// today reports whether the caller gave the current time, without which
// nothing is compared with today: the package never reads the clock.
func (c *checker) today() bool { return !c.opts.Now.IsZero() }

// walk visits every object of the draft for the rules that apply wherever
// a shape appears: ranges, identifiers and links.
func (c *checker) walk(ptr string, v any) {
	switch v := v.(type) {
	case map[string]any:
		c.rangeOrder(ptr, v)
		c.ipTime(ptr, v)
		c.linkDate(ptr, v)
		for k, child := range v {
			c.walk(ptr+"/"+escapePointer(k), child)
		}
	case []any:
		for i, child := range v {
			c.walk(ptr+"/"+strconv.Itoa(i), child)
		}
	}
}

// rangeOrder: a range's start must not be after its end.
func (c *checker) rangeOrder(ptr string, o map[string]any) {
	start, ok1 := dateTime(o["start"])
	end, ok2 := dateTime(o["end"])
	if ok1 && ok2 && end.Before(start) {
		c.add(ptr+"/end", "range.order", Error, map[string]any{"Start": o["start"], "End": o["end"]})
	}
}

// ipTime: an IP address needs the time it was used, from the identifier,
// its data item or the period of the whole request.
func (c *checker) ipTime(ptr string, o map[string]any) {
	if t := o["type"]; (t != "ipv4" && t != "ipv6") || o["value"] == nil {
		return
	}
	if _, ok := o["timestamp"]; ok {
		return
	}
	if parent := c.parentOf(ptr); parent != nil && parent["timeRange"] != nil {
		return
	}
	if c.draft["timePeriod"] != nil || c.draft["period"] != nil {
		return
	}
	c.add(ptr+"/timestamp", "ip.time", Error, nil)
}

// linkDate: an earlier request cannot be dated after this one.
func (c *checker) linkDate(ptr string, o map[string]any) {
	_, hasRef := o["reference"]
	date, ok := o["date"].(string)
	issue, ok2 := c.draft["issueDate"].(string)
	if ptr == "" || !hasRef || !ok || !ok2 || !isDate(date) || !isDate(issue) {
		return
	}
	if date > issue {
		c.add(ptr+"/date", "link.date", Error, map[string]any{"IssueDate": issue})
	}
}

// penalties warns when a penalty is missing or below the threshold of a
// cited instrument. The UN Convention's threshold (a serious crime, four
// years, article 2) does not apply to the offences the Convention itself
// establishes (articles 7 to 17), which the user marks. The EU's (three
// years, Regulation (EU) 2023/1543 article 5(4)) applies only to a
// production order for traffic data other than data requested to identify
// the user, and for content data: subscriber and identification data, and
// preservation, may be ordered for any criminal offence (articles 5(3),
// 6(3)).
func (c *checker) penalties() {
	cites := map[string]bool{}
	for _, lb := range objects(c.draft["legalBasis"]) {
		if s, ok := lb["instrument"].(string); ok {
			cites[s] = true
		}
	}
	euThreshold := c.kind.ID == "epoc" && cites["eu2023-1543"] && c.euTrafficOrContent()
	for i, off := range objects(c.draft["offences"]) {
		p := "/offences/" + strconv.Itoa(i) + "/maximumPenaltyYears"
		if off["lifeImprisonment"] == true {
			continue
		}
		_, unOffence := number(off["unConventionArticle"])
		unThreshold := cites["unCybercrime"] && !unOffence
		years, ok := number(off["maximumPenaltyYears"])
		switch {
		case !ok && (unThreshold || euThreshold) && c.kind.ID != "emergency":
			c.add(p, "penalty.missing", Warning, nil)
		case !ok:
		case unThreshold && years < seriousCrimeYears:
			c.add(p, "penalty.serious", Warning, map[string]any{"Years": wholeOr(years)})
		case euThreshold && years < euThresholdYears:
			c.add(p, "penalty.eu", Warning, map[string]any{"Years": wholeOr(years)})
		}
	}
}

// euTrafficOrContent reports whether the draft asks for traffic data
// (other than data requested to identify the user) or content data.
func (c *checker) euTrafficOrContent() bool {
	for _, item := range objects(c.draft["dataSought"]) {
		if cat := item["category"]; cat == "traffic" || cat == "content" {
			return true
		}
	}
	for _, cat := range arrayOf(c.draft["dataCategories"]) {
		if cat == "traffic" || cat == "content" {
			return true
		}
	}
	return false
}

func arrayOf(v any) []any {
	a, _ := v.([]any)
	return a
}

// parentOf returns the object that holds the value at ptr.
func (c *checker) parentOf(ptr string) map[string]any {
	segs := splitPointer(ptr)
	if len(segs) == 0 {
		return nil
	}
	return obj(valueAt(c.draft, segs[:len(segs)-1]))
}

func obj(v any) map[string]any {
	o, _ := v.(map[string]any)
	return o
}

// objects returns the objects of an array, skipping anything else; the
// index of each stays its index in the array.
func objects(v any) map[int]map[string]any {
	out := map[int]map[string]any{}
	arr, _ := v.([]any)
	for i, e := range arr {
		if o, ok := e.(map[string]any); ok {
			out[i] = o
		}
	}
	return out
}

func number(v any) (float64, bool) {
	n, ok := v.(json.Number)
	if !ok {
		f, ok := v.(float64)
		return f, ok
	}
	f, err := n.Float64()
	return f, err == nil
}

// dateTime parses a date-time the schema accepts; anything else is left
// to the schema's own finding.
func dateTime(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	return t, err == nil
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// wholeOr returns f as an int when it is whole, so that plural rules and the
// number printer treat 2 as "2", not "2.0".
func wholeOr(f float64) any {
	if f == float64(int(f)) {
		return int(f)
	}
	return f
}

// trackingRules checks what was recorded after sending a preservation
// (see expiry.go): dates in order, and what the law allows.
func (c *checker) trackingRules() {
	tr := obj(c.draft["tracking"])
	if tr == nil {
		return
	}
	sent, hasSent := dateOf(tr["sent"])
	if issue, ok := dateOf(c.draft["issueDate"]); ok && hasSent && sent.Before(issue) {
		c.add("/tracking/sent", "tracking.beforeIssue", Warning, nil)
	}
	for _, name := range []string{"sent", "preservedOn", "extended", "followUpSent"} {
		if d, ok := dateOf(tr[name]); ok && c.today() && d.After(c.opts.Now.Add(24*time.Hour)) {
			c.add("/tracking/"+name, "date.future", Warning, nil)
		}
	}
	from := sent
	if d, ok := dateOf(tr["preservedOn"]); ok {
		if hasSent && d.Before(sent) {
			c.add("/tracking/preservedOn", "tracking.beforeSent", Warning, nil)
		}
		from = d
	}
	if end, ok := dateOf(tr["confirmedEnd"]); ok && !from.IsZero() && end.Before(from) {
		c.add("/tracking/confirmedEnd", "tracking.beforeSent", Warning, nil)
	}
	if n, ok := intOf(tr["confirmedDays"]); ok && n < MinimumPreservationDays {
		c.add("/tracking/confirmedDays", "tracking.short", Warning, nil)
	}
	if ext, ok := dateOf(tr["extended"]); ok && !from.IsZero() && ext.After(from.AddDate(0, 0, MinimumPreservationDays)) {
		c.add("/tracking/extended", "tracking.lateExtension", Warning, nil)
	}
}
