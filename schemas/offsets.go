package schemas

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/evidraft/evidraft/locales"
)

// A date-time carries a UTC offset; the IANA time zone that governs it
// says which offset it should carry on its date (Paris is UTC+01:00 in
// winter, UTC+02:00 in summer). An offset that disagrees is most often an
// hour of summer time forgotten, and the provider then searches the wrong
// hour.

// governingZone returns the IANA time zone whose offset the date-time at
// segs of draft should carry, or "" when none governs it:
//   - an identifier's timestamp: the identifier's time zone of the records;
//   - a data item's time range: its identifier's time zone, if given (the
//     range is the provider's, not the requesting authority's);
//   - any other date-time (a deadline, a period, the time of issue): the
//     requesting authority's working time zone.
func governingZone(draft map[string]any, segs []string) string {
	n := len(segs)
	switch {
	case n >= 1 && segs[n-1] == "timestamp":
		zone, _ := obj(valueAt(draft, segs[:n-1]))["timeZone"].(string)
		return zone
	case n >= 2 && segs[n-2] == "timeRange" && (segs[n-1] == "start" || segs[n-1] == "end"):
		zone, _ := obj(obj(valueAt(draft, segs[:n-2]))["identifier"])["timeZone"].(string)
		return zone
	}
	zone, _ := obj(draft["requestingAuthority"])["timeZone"].(string)
	return zone
}

// valueAt returns the value at the path segs of v, nil if there is none.
func valueAt(v any, segs []string) any {
	for _, s := range segs {
		switch t := v.(type) {
		case map[string]any:
			v = t[s]
		case []any:
			i, err := strconv.Atoi(s)
			if err != nil || i < 0 || i >= len(t) {
				return nil
			}
			v = t[i]
		default:
			return nil
		}
	}
	return v
}

// offsets warns about every date-time whose UTC offset is not the one its
// governing zone has at that instant. It compares the value with itself,
// never with today. A zone the time zone database does not know is left
// to the schema's own finding.
// plausibleFrom is the first year an instant of the draft (a time of use,
// a range, a deadline) is likely to fall in; before it, a warning.
const plausibleFrom = 1980

func (c *checker) offsets() {
	var segs []string // the path to the value visited
	var visit func(v any)
	visit = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, child := range v {
				segs = append(segs, k)
				visit(child)
				segs = segs[:len(segs)-1]
			}
		case []any:
			for i, child := range v {
				segs = append(segs, strconv.Itoa(i))
				visit(child)
				segs = segs[:len(segs)-1]
			}
		case string:
			if len(v) < 20 || v[10] != 'T' { // cheaper than a failed parse
				return
			}
			t, ok := dateTime(v)
			if !ok {
				return
			}
			if t.Year() < plausibleFrom {
				// A mistyped year (0900): no electronic record is that
				// old, and the zone's offset then was local mean time
				// (+00:09:21 in Paris), which no fix should offer.
				c.add(joinPointer(segs), "date.implausible", Warning, map[string]any{"Year": v[:4]}) // as typed: 0900
				return
			}
			zone := governingZone(c.draft, segs)
			if zone == "" {
				return
			}
			want, ok := locales.CurrentWords().Offset(zone, t)
			if _, given := t.Zone(); ok && want != given {
				c.add(joinPointer(segs), "offset.zone", Warning, map[string]any{
					"Zone":     zone,
					"Expected": locales.FormatOffset(want),
					"Given":    locales.FormatOffset(given),
					// not a placeholder: the offset to write instead, as
					// RFC 3339 writes it, for a form that offers to fix it
					"expected": rfc3339Offset(want),
					// the same wall-clock time with that offset
					"fix": withOffset(v, rfc3339Offset(want)),
				})
			}
		}
	}
	visit(c.draft)
}

// rfc3339Offset writes an offset in seconds as a date-time ends: +02:00,
// -03:30, +00:00.
func rfc3339Offset(seconds int) string {
	return time.Unix(0, 0).In(time.FixedZone("", seconds)).Format("-07:00")
}

// localTime resolves a wall-clock time (its fields read in UTC) in zone:
// the offset in force then, taken from the offsets in force a day before
// and a day after. When summer time skips that time of day, it returns the
// time after the gap with that offset (02:30 becomes 03:30), as a clock
// put forward reads.
func localTime(zone string, wall time.Time) (time.Time, int, bool) {
	w := locales.CurrentWords()
	at := func(off int) time.Time { return wall.Add(-time.Duration(off) * time.Second) }
	before, ok1 := w.Offset(zone, wall.Add(-24*time.Hour))
	after, ok2 := w.Offset(zone, wall.Add(24*time.Hour))
	if !ok1 || !ok2 {
		return wall, 0, false
	}
	for _, off := range []int{before, after} {
		if o, _ := w.Offset(zone, at(off)); o == off {
			return wall, off, true
		}
	}
	return wall.Add(time.Duration(after-before) * time.Second), after, true
}

// dateTimeZones maps the end of each string of a JSON text (the offset
// just after its closing quote) to the zone that governs it as a
// date-time, where one does. It returns nil for a text that is not a JSON
// object.
func dateTimeZones(data []byte) map[int]string {
	var draft map[string]any
	if json.Unmarshal(data, &draft) != nil {
		return nil
	}
	type level struct {
		array   bool
		n       int  // items of an array seen so far
		wantKey bool // an object's next string is a key
	}
	var (
		levels []level
		segs   []string
		out    = map[int]string{}
	)
	// done ends a value: it drops the value's own segment from the path.
	done := func() {
		if len(levels) > 0 {
			segs = segs[:len(segs)-1]
			top := &levels[len(levels)-1]
			top.wantKey = !top.array
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			levels = levels[:len(levels)-1]
			done()
			continue
		}
		if n := len(levels); n > 0 && levels[n-1].wantKey {
			segs = append(segs, tok.(string))
			levels[n-1].wantKey = false
			continue
		}
		if n := len(levels); n > 0 && levels[n-1].array {
			segs = append(segs, strconv.Itoa(levels[n-1].n))
			levels[n-1].n++
		}
		if d, ok := tok.(json.Delim); ok {
			levels = append(levels, level{array: d == '[', wantKey: d == '{'})
			continue
		}
		if s, ok := tok.(string); ok {
			if _, isDT := dateTime(s); isDT {
				if zone := governingZone(draft, segs); zone != "" {
					out[int(dec.InputOffset())] = zone
				}
			}
		}
		done()
	}
}

// withOffset replaces the offset (Z or ±hh:mm) that ends an RFC 3339
// date-time.
func withOffset(v, offset string) string {
	switch {
	case strings.HasSuffix(v, "Z") || strings.HasSuffix(v, "z"):
		return v[:len(v)-1] + offset
	case len(v) > 6 && (v[len(v)-6] == '+' || v[len(v)-6] == '-'):
		return v[:len(v)-6] + offset
	}
	return v
}
