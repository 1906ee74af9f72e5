package schemas

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the offsets of the zones, also where the system has no database
)

// TestOffsetZone: a date-time whose offset is not the one its governing
// zone has on that date gets a warning that names the right offset.
func TestOffsetZone(t *testing.T) {
	identifier := func(v map[string]any) map[string]any {
		return v["dataSought"].([]any)[0].(map[string]any)["identifier"].(map[string]any)
	}
	item := func(v map[string]any) map[string]any { return v["dataSought"].([]any)[0].(map[string]any) }
	tests := []struct {
		name     string
		kind     string
		change   func(v map[string]any)
		ptr      string // "" for no warning anywhere
		expected string // the offset the warning gives, as RFC 3339 writes it
		given    string
	}{
		{"Paris in summer time written +01:00", "preservation", func(v map[string]any) {
			v["urgency"].(map[string]any)["deadline"] = "2026-10-01T10:00:00+01:00"
		}, "/urgency/deadline", "+02:00", "UTC+01:00"},
		{"Paris in summer time written +02:00", "preservation", func(v map[string]any) {
			v["urgency"].(map[string]any)["deadline"] = "2026-10-01T10:00:00+02:00"
		}, "", "", ""},
		{"Z with London in summer", "preservation", func(v map[string]any) {
			identifier(v)["timestamp"] = "2026-07-15T09:00:00Z"
			identifier(v)["timeZone"] = "Europe/London"
			delete(item(v), "timeRange")
		}, "/dataSought/0/identifier/timestamp", "+01:00", "UTC"},
		{"Z with London in winter", "preservation", func(v map[string]any) {
			identifier(v)["timestamp"] = "2026-01-15T09:00:00Z"
			identifier(v)["timeZone"] = "Europe/London"
			delete(item(v), "timeRange")
		}, "", "", ""},
		{"a timestamp without a zone of the records", "preservation", func(v map[string]any) {
			identifier(v)["timestamp"] = "2026-10-02T09:14:31+05:00"
			delete(identifier(v), "timeZone")
			delete(item(v), "timeRange")
		}, "", "", ""},
		{"a time range in the zone of the records", "preservation", func(v map[string]any) {
			item(v)["timeRange"].(map[string]any)["start"] = "2026-10-01T00:00:00+01:00"
		}, "/dataSought/0/timeRange/start", "+02:00", "UTC+01:00"},
		{"a time range without a zone of the records", "preservation", func(v map[string]any) {
			delete(identifier(v), "timeZone")
			item(v)["timeRange"] = map[string]any{"start": "2026-10-01T00:00:00Z", "end": "2026-10-05T23:59:59Z"}
		}, "", "", ""},
		{"a collection period in the authority's zone", "interception", func(v map[string]any) {
			v["requestingAuthority"].(map[string]any)["timeZone"] = "America/Sao_Paulo"
			v["period"].(map[string]any)["start"] = "2026-11-25T00:00:00-02:00"
			v["period"].(map[string]any)["end"] = "2027-01-24T23:59:59-03:00"
			delete(v, "urgency")
		}, "/period/start", "-03:00", "UTC-02:00"},
		{"the time of issue in the authority's zone", "emergency", func(v map[string]any) {
			v["issuedAt"] = "2026-11-23T06:40:00+02:00"
		}, "/issuedAt", "+01:00", "UTC+02:00"},
		{"no working time zone", "emergency", func(v map[string]any) {
			delete(v["requestingAuthority"].(map[string]any), "timeZone")
			v["issuedAt"] = "2026-11-23T06:40:00+02:00"
		}, "", "", ""},
		{"a zone the database does not know", "emergency", func(v map[string]any) {
			v["requestingAuthority"].(map[string]any)["timeZone"] = "Europe/Atlantis"
			v["issuedAt"] = "2026-11-23T06:40:00+02:00"
		}, "", "", ""},
	}
	for _, tc := range tests {
		res := mutate(t, tc.kind, tc.change)
		var got []Finding
		for _, f := range res.Findings {
			if f.Code == "offset.zone" {
				got = append(got, f)
			}
		}
		if tc.ptr == "" {
			if len(got) > 0 {
				t.Errorf("%s: Validate = %s, want no offset.zone", tc.name, dump(got))
			}
			continue
		}
		if len(got) != 1 || got[0].Pointer != tc.ptr || got[0].Severity != Warning {
			t.Errorf("%s: Validate = %s, want one offset.zone warning at %s", tc.name, dump(got), tc.ptr)
			continue
		}
		f := got[0]
		want := "UTC" + tc.expected
		if f.Params["expected"] != tc.expected || f.Params["Expected"] != want || f.Params["Given"] != tc.given {
			t.Errorf("%s: params %v, want expected %s, Expected %s, Given %s", tc.name, f.Params, tc.expected, want, tc.given)
		}
		if !strings.Contains(f.Message, want+", not "+tc.given) {
			t.Errorf("%s: message %q does not give %s instead of %s", tc.name, f.Message, want, tc.given)
		}
		// The fix keeps the wall-clock time and writes the zone's offset.
		if f.Fix == nil || !strings.HasSuffix(f.Fix.Value, tc.expected) || f.Fix.Label != "Use "+want {
			t.Errorf("%s: fix %+v, want the same time with %s", tc.name, f.Fix, tc.expected)
		}
	}
	if got := withOffset("2026-10-01T10:00:00+01:00", "+02:00"); got != "2026-10-01T10:00:00+02:00" {
		t.Errorf("withOffset = %s", got)
	}
	if got := withOffset("2026-07-15T09:00:00Z", "+01:00"); got != "2026-07-15T09:00:00+01:00" {
		t.Errorf("withOffset = %s", got)
	}
}

// TestOffsetZoneNotToday: the offset check compares a date-time with its
// own date, so it reports the same whatever the current time, or none.
func TestOffsetZoneNotToday(t *testing.T) {
	v := exampleValue(t, "preservation")
	v["urgency"].(map[string]any)["deadline"] = "2026-10-01T10:00:00+01:00"
	for _, now := range []time.Time{{}, testNow, time.Date(2031, 6, 1, 8, 30, 0, 0, time.UTC)} {
		res, err := ValidateValue(v, Options{Now: now})
		if err != nil {
			t.Fatal(err)
		}
		var got []Finding
		for _, f := range res.Findings {
			if f.Code == "offset.zone" {
				got = append(got, f)
			}
		}
		if len(got) != 1 || got[0].Pointer != "/urgency/deadline" || got[0].Params["expected"] != "+02:00" {
			t.Errorf("Validate(Now %v) = %s, want offset.zone at /urgency/deadline expecting +02:00", now, dump(res.Findings))
		}
	}
}

// TestShiftDatesFollowsZones: moving a draft keeps each date-time's time of
// day and gives it the offset its zone has on the new date; a wrong offset
// stays as wrong; a date-time no zone governs keeps its offset.
func TestShiftDatesFollowsZones(t *testing.T) {
	draft := func(deadline, timestamp, zone, start string) string {
		return `{"requestingAuthority": {"timeZone": "Europe/Paris"}, "urgency": {"deadline": "` + deadline + `"},
 "dataSought": [{"identifier": {"timestamp": "` + timestamp + `", "timeZone": "` + zone + `"}, "timeRange": {"start": "` + start + `"}}]
}`
	}
	tests := []struct {
		name string
		in   string
		days int
		want string
	}{
		{"winter to summer", draft("2026-11-27T18:00:00+01:00", "2026-11-02T09:14:31.5Z", "Europe/London", "2026-11-01T00:00:00+05:00"), 200,
			draft("2027-06-15T18:00:00+02:00", "2027-05-21T09:14:31.5+01:00", "Europe/London", "2027-05-20T00:00:00+06:00")},
		{"summer to winter", draft("2026-10-01T18:00:00+02:00", "2026-07-02T09:14:31+01:00", "Europe/London", "2026-07-01T00:00:00+01:00"), 100,
			draft("2027-01-09T18:00:00+01:00", "2026-10-10T09:14:31+01:00", "Europe/London", "2026-10-09T00:00:00+01:00")},
		{"a wrong offset stays wrong", draft("2026-11-27T18:00:00+02:00", "2026-11-02T09:00:00Z", "Europe/Berlin", "2026-11-01T00:00:00+01:00"), 200,
			draft("2027-06-15T18:00:00+03:00", "2027-05-21T09:00:00+01:00", "Europe/Berlin", "2027-05-20T00:00:00+02:00")},
		{"a time summer time skips", draft("2027-03-27T02:30:00+01:00", "2027-03-27T02:30:00+01:00", "", "2027-03-27T02:30:00+01:00"), 1,
			draft("2027-03-28T03:30:00+02:00", "2027-03-28T02:30:00+01:00", "", "2027-03-28T02:30:00+01:00")},
	}
	for _, tc := range tests {
		if got := string(shiftDates([]byte(tc.in), tc.days)); got != tc.want {
			t.Errorf("%s: shiftDates(%d) =\n%s\nwant\n%s", tc.name, tc.days, got, tc.want)
		}
	}
}

// TestImplausibleYear: a time of use in the year 0900 (a mistyped year)
// is a warning that names the year, and gets no offset to use instead
// (the zone's offset then was local mean time); 1980 and after are
// plausible.
func TestImplausibleYear(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  bool
	}{{"0900-03-10T21:15:00+01:00", true}, {"1979-12-31T23:00:00+01:00", true}, {"1980-01-01T00:00:00+01:00", false}} {
		res := mutate(t, "preservation", func(v map[string]any) {
			v["dataSought"].([]any)[0].(map[string]any)["identifier"].(map[string]any)["timestamp"] = tc.value
		})
		var implausible, offset []Finding
		for _, f := range res.Findings {
			switch {
			case f.Code == "date.implausible":
				implausible = append(implausible, f)
			case f.Code == "offset.zone" && f.Pointer == "/dataSought/0/identifier/timestamp":
				offset = append(offset, f)
			}
		}
		if !tc.want {
			if len(implausible) > 0 {
				t.Errorf("%s: %s, want no date.implausible", tc.value, dump(implausible))
			}
			continue
		}
		if len(implausible) != 1 || implausible[0].Pointer != "/dataSought/0/identifier/timestamp" || implausible[0].Severity != Warning ||
			!strings.Contains(implausible[0].Message, "the year "+tc.value[:4]+" is unlikely") {
			t.Errorf("%s: %s, want one date.implausible warning naming the year", tc.value, dump(implausible))
		}
		if len(offset) > 0 {
			t.Errorf("%s: an offset is offered for it: %s", tc.value, dump(offset))
		}
	}
}
