package schemas

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// clockDays are the days TestSameFindingsAnyDay sets the clock to.
var clockDays = []time.Time{
	time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	time.Date(2031, 6, 1, 8, 30, 0, 0, time.UTC),
	time.Date(2040, 2, 29, 23, 0, 0, 0, time.FixedZone("", -10*3600)),
}

// TestSameFindingsAnyDay validates every example and every golden case
// with the clock set to other days, its dates moved by as many days, and
// wants the findings (pointer, code, severity) it has on testNow: no
// check depends on the day it runs, only on how far dates are from it.
func TestSameFindingsAnyDay(t *testing.T) {
	type input struct {
		name string
		data []byte
	}
	var inputs []input
	for _, kind := range kindIDs {
		ex, err := Example(kind)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{"example " + kind, ex})
		paths, _ := filepath.Glob(filepath.Join("testdata", kind, "*.json"))
		i18n, _ := filepath.Glob(filepath.Join("testdata", "i18n", "*.json"))
		for _, path := range append(paths, i18n...) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, input{path, data})
		}
	}
	type key struct{ Pointer, Code, Severity string }
	keys := func(r *Result) []key {
		var out []key
		for _, f := range r.Findings {
			out = append(out, key{f.Pointer, f.Code, f.Severity.String()})
		}
		return out
	}
	var dated int
	for _, in := range inputs {
		want, err := Validate(in.data, Options{Mode: Final, Now: testNow})
		if err != nil {
			continue // unreadable on purpose; TestGolden covers it
		}
		for _, day := range clockDays {
			days := daysBetween(testNow, day)
			moved := shiftDates(in.data, days)
			if slices.Equal(moved, in.data) {
				continue
			}
			dated++
			got, err := Validate(moved, Options{Mode: Final, Now: day})
			if err != nil {
				t.Fatalf("%s moved %d days: %v", in.name, days, err)
			}
			if !slices.Equal(keys(got), keys(want)) {
				t.Errorf("%s on %s: findings %v, want %v (on %s)", in.name, day.Format(time.DateOnly), keys(got), keys(want), testNow.Format(time.DateOnly))
			}
		}
	}
	if dated < 100 {
		t.Errorf("only %d dated drafts moved; the test lost its inputs", dated)
	}
}

// TestExampleAtAnyDay: on any day, every example is a final request with
// no finding at all.
func TestExampleAtAnyDay(t *testing.T) {
	for _, day := range append(clockDays, testNow) {
		for _, kind := range kindIDs {
			data, err := ExampleAt(kind, day)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Validate(data, Options{Mode: Final, Now: day})
			if err != nil || len(res.Findings) != 0 {
				t.Errorf("ExampleAt(%s, %s) validated on that day: %v, findings %s", kind, day.Format(time.DateOnly), err, dump(res.Findings))
			}
		}
	}
}

// TestShiftDates: dates and date-times move by whole days with their time
// and offset kept; local times, dates in prose and impossible dates stay.
func TestShiftDates(t *testing.T) {
	in := `{"a": "2026-11-23", "b": "2026-02-28T23:59:59.5+14:00", "c": "2026-11-23T10:00:00", "d": "on 2026-11-23", "e": "2026-02-30", "f": "2026-10-02T09:14:31Z"}`
	want := `{"a": "2027-02-28", "b": "2026-06-05T23:59:59.5+14:00", "c": "2026-11-23T10:00:00", "d": "on 2026-11-23", "e": "2026-02-30", "f": "2027-01-07T09:14:31Z"}`
	if got := string(shiftDates([]byte(in), 97)); got != want {
		t.Errorf("shiftDates(97) = %s, want %s", got, want)
	}
	if d := daysBetween(time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC), time.Date(2040, 2, 29, 1, 0, 0, 0, time.UTC)); d != 4846 {
		t.Errorf("daysBetween = %d, want 4846", d)
	}
}
