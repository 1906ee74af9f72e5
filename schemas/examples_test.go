package schemas

import (
	"regexp"
	"testing"
	"time"
)

// The examples are what users copy: besides having no finding at all
// (TestExamplesValid), each must read well to the officer who receives it.

// TestExamplesTimesGoverned: every date-time of every example has a time
// zone that governs it, so the offset check covers it (and found it
// right), and ExampleAt gives it that zone's offset on any other day.
func TestExamplesTimesGoverned(t *testing.T) {
	for _, kind := range kindIDs {
		v := exampleValue(t, kind)
		n := 0
		visit("", v, func(ptr string, x any) {
			if _, ok := dateTime(x); !ok {
				return
			}
			n++
			if zone := governingZone(v, splitPointer(ptr)); zone == "" {
				t.Errorf("example %s: no time zone governs %s (%v); give the identifier its time zone of the records", kind, ptr, x)
			}
		})
		if n == 0 {
			t.Errorf("example %s has no date-time", kind)
		}
	}
}

// loginWords are words that describe traffic data.
var loginWords = regexp.MustCompile(`(?i)\bIP address|\blog-?ins?\b|\bconnection logs\b`)

// TestExamplesFileDataByCategory: log-in IP addresses and connection logs
// are traffic data; an example that asks for them under subscriber
// information or content data teaches the wrong category.
func TestExamplesFileDataByCategory(t *testing.T) {
	for _, kind := range kindIDs {
		v := exampleValue(t, kind)
		for i, item := range objects(v["dataSought"]) {
			cat, _ := item["category"].(string)
			desc, _ := item["description"].(string)
			if (cat == "subscriber" || cat == "content") && loginWords.MatchString(desc) {
				t.Errorf("example %s /dataSought/%d: %s item describes traffic data: %q", kind, i, cat, desc)
			}
		}
	}
}

// TestExamplesFillNewFields: every example lists its annexes and gives the
// requested State's time zone; the emergency one gives its time of issue,
// on its date of issue, and the time by which it needs an answer.
func TestExamplesFillNewFields(t *testing.T) {
	for _, kind := range kindIDs {
		v := exampleValue(t, kind)
		if a, _ := v["annexes"].([]any); len(a) == 0 {
			t.Errorf("example %s lists no annex", kind)
		}
		z, _ := obj(v["requestedState"])["timeZone"].(string)
		if az, _ := obj(v["addressee"])["timeZone"].(string); az != "" { // the EU certificates go to a provider
			z = az
		}
		if z == "" {
			t.Errorf("example %s gives no time zone of the requested State", kind)
		}
	}
	v := exampleValue(t, "emergency")
	at, ok := dateTime(v["issuedAt"])
	if !ok || at.Format(time.DateOnly) != v["issueDate"] {
		t.Errorf("emergency example: time of issue %v, want one on the date of issue %v", v["issuedAt"], v["issueDate"])
	}
	deadline, ok := dateTime(obj(v["urgency"])["deadline"])
	if !ok || !deadline.After(at) {
		t.Errorf("emergency example: answer wanted by %v, want a time after the time of issue", obj(v["urgency"])["deadline"])
	}
	// The example must stay valid all day long wherever it is opened: its
	// deadline is not before the end of ExampleDate's day in UTC.
	if endOfDay := ExampleDate.Truncate(24 * time.Hour).Add(24 * time.Hour); deadline.Before(endOfDay) {
		t.Errorf("emergency example: answer wanted by %v passes on the day ExampleAt moves it to, before %v", deadline, endOfDay)
	}
}

// TestExamplesLinkEachOther: the disclosure of preserved traffic data
// answers the preservation example, so it cites it as it was issued.
func TestExamplesLinkEachOther(t *testing.T) {
	pres, td := exampleValue(t, "preservation"), exampleValue(t, "traffic-disclosure")
	link := obj(td["preservationRequest"])
	if link["reference"] != pres["reference"] || link["date"] != pres["issueDate"] {
		t.Errorf("traffic-disclosure example cites %v of %v, want the preservation example %v of %v",
			link["reference"], link["date"], pres["reference"], pres["issueDate"])
	}
	if td["reference"] == link["requestedStateReference"] {
		t.Errorf("traffic-disclosure example has the reference %v of the request it answers", td["reference"])
	}
	for i, earlier := range objects(td["earlierRequests"]) {
		if earlier["reference"] == link["reference"] {
			t.Errorf("traffic-disclosure example lists %v again at /earlierRequests/%d", link["reference"], i)
		}
	}
}
