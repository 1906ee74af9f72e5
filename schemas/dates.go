package schemas

import (
	"regexp"
	"time"
)

// ExampleDate is the moment the stored examples are written for: their
// deadlines lie a few days after it, their time ranges and events before
// it. ExampleAt moves them to another moment.
var ExampleDate = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// ExampleAt returns the example draft of kind with every date and date-time
// moved by the whole days between ExampleDate and now, so that it is as
// valid on that day (no deadline passed, no range in the future) as it is
// on ExampleDate. Times of day and UTC offsets are kept.
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
// keeping the rest of the text (layout, key order) byte for byte.
func shiftDates(data []byte, days int) []byte {
	if days == 0 {
		return data
	}
	return dateString.ReplaceAllFunc(data, func(m []byte) []byte {
		sub := dateString.FindSubmatch(m)
		d, err := time.Parse(time.DateOnly, string(sub[1]))
		if err != nil {
			return m
		}
		if len(sub[2]) > 0 {
			if _, err := time.Parse(time.RFC3339Nano, string(sub[1])+string(sub[2])); err != nil {
				return m
			}
		}
		out := make([]byte, 0, len(m))
		out = append(out, '"')
		out = d.AddDate(0, 0, days).AppendFormat(out, time.DateOnly)
		out = append(out, sub[2]...)
		return append(out, '"')
	})
}
