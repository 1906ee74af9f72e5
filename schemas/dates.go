package schemas

import (
	"bytes"
	"regexp"
	"slices"
	"time"

	"github.com/evidraft/evidraft/locales"
)

// ExampleDate is the moment the stored examples are written for: their
// deadlines lie a few days after it, their time ranges and events before
// it. ExampleAt moves them to another moment.
var ExampleDate = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// ExampleAt returns the example draft of kind with every date and date-time
// moved by the whole days between ExampleDate and now, so that it is as
// valid on that day (no deadline passed, no range in the future) as it is
// on ExampleDate. Times of day are kept; a UTC offset follows the time zone
// that governs it (summer or winter time on the new date).
func ExampleAt(kind string, now time.Time) ([]byte, error) {
	data, err := Example(kind)
	if err != nil {
		return nil, err
	}
	return shiftDates(data, daysBetween(ExampleDate, now)), nil
}

// daysBetween counts the calendar days (in UTC) from a to b.
func daysBetween(a, b time.Time) int {
	day := func(t time.Time) time.Time {
		y, m, d := t.UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	return int(day(b).Sub(day(a)) / (24 * time.Hour)) // UTC days are 24 hours long
}

// dateString matches a JSON string that is a full date or an RFC 3339
// date-time, nothing more: dates inside prose are not touched.
var dateString = regexp.MustCompile(`"(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?"`)

// shiftDates moves every date and date-time string of a JSON text by days,
// keeping the rest of the text (layout, key order) byte for byte. A
// date-time keeps its time of day; where a time zone governs it, its
// offset becomes the zone's on the new date, off by as much as it was on
// the old one (a right offset stays right, a wrong one stays wrong).
func shiftDates(data []byte, days int) []byte {
	if days == 0 {
		return data
	}
	zones := dateTimeZones(data)
	var out []byte
	last := 0
	for _, m := range dateString.FindAllSubmatchIndex(data, -1) {
		out = append(out, data[last:m[0]]...)
		last = m[1]
		var rest []byte // the time and offset of a date-time
		if m[4] >= 0 {
			rest = data[m[4]:m[5]]
		}
		out = append(out, shiftDate(data[m[2]:m[3]], rest, days, zones[m[1]])...)
	}
	return append(out, data[last:]...)
}

// shiftDate moves one date, with the rest of its date-time if any
// ("T10:00:00+01:00"), by days, and returns it quoted; zone is the one
// that governs it, or "".
func shiftDate(date, rest []byte, days int, zone string) []byte {
	quoted := func(parts ...[]byte) []byte { return slices.Concat([]byte{'"'}, slices.Concat(parts...), []byte{'"'}) }
	d, err := time.Parse(time.DateOnly, string(date))
	if err != nil {
		return quoted(date, rest)
	}
	if len(rest) == 0 {
		return quoted(d.AddDate(0, 0, days).AppendFormat(nil, time.DateOnly))
	}
	t, err := time.Parse(time.RFC3339Nano, string(date)+string(rest))
	if err != nil {
		return quoted(date, rest)
	}
	day := d.AddDate(0, 0, days)
	moved := day.AppendFormat(nil, time.DateOnly)
	oldWant, ok := locales.CurrentWords().Offset(zone, t)
	if zone == "" || !ok {
		return quoted(moved, rest)
	}
	_, given := t.Zone()
	clock := rest[:bytes.IndexAny(rest[1:], "Z+-")+1] // "T10:00:00.5"
	y, mo, dd := day.Date()
	read := time.Date(y, mo, dd, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	wall, want, ok := localTime(zone, read)
	if !ok {
		return quoted(moved, rest)
	}
	if !wall.Equal(read) {
		// summer time skips that time of day: written as the clock reads
		moved = wall.AppendFormat(nil, time.DateOnly)
		clock = wall.AppendFormat(nil, "T15:04:05.999999999")
	}
	off := want + given - oldWant
	if off <= -24*3600 || off >= 24*3600 {
		return quoted(moved, rest) // no offset can say it
	}
	suffix := []byte(rfc3339Offset(off))
	if off == 0 && rest[len(rest)-1] == 'Z' {
		suffix = []byte("Z")
	}
	return quoted(moved, clock, suffix)
}
