package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/evidraft/evidraft/locales"
)

// A Migration brings a draft body from format version From to From+1. It
// is a pure function of the decoded draft: it may rename, move or reshape
// answers, and must not lose one it cannot place (put it under "notes" or
// the like, and say so in Note).
type Migration struct {
	From  int
	Note  string
	Apply func(draft map[string]any) error
}

// migrations lists one step per format version. Version 1 is the first
// published format, so the list is empty; a change to the request format
// that is not backward compatible raises SchemaVersion and adds its step
// here, with a test that a version N-1 draft comes out valid.
var migrations []Migration

// Migrate brings a draft body written in an older format version up to
// SchemaVersion. It returns the body unchanged (same bytes) when it is
// already current, and the version the draft was in. A draft from a newer
// version is refused with error.version.newer: this build cannot know what
// its fields mean, so it opens read-only and is never rewritten.
func Migrate(body []byte) (out []byte, from int, err error) {
	return migrate(body, migrations, SchemaVersion)
}

// DraftVersion returns the format version a draft body says it follows
// (0 when it says nothing readable).
func DraftVersion(body []byte) int {
	// A map, not a struct: encoding/json matches struct fields without
	// regard to case, and "schemaversion" is not the version (the fuzzer
	// found a draft with both).
	var head map[string]json.RawMessage
	if json.Unmarshal(body, &head) != nil {
		return 0
	}
	var v json.Number
	if json.Unmarshal(head["schemaVersion"], &v) != nil {
		return 0
	}
	n, err := v.Int64()
	if err != nil || n < 0 || n > 1<<20 {
		return 0
	}
	return int(n)
}

func migrate(body []byte, steps []Migration, current int) ([]byte, int, error) {
	v, err := ReadDraft(body)
	if err != nil {
		return nil, 0, err
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, 0, &locales.Error{Code: "error.json.notObject"}
	}
	from := DraftVersion(body)
	if from == 0 {
		// No version: the schema reports it as a finding; nothing to move.
		return body, 0, nil
	}
	if from > current {
		return nil, from, &locales.Error{Code: "error.version.newer", Params: map[string]any{"Version": fmt.Sprint(from), "Current": current}}
	}
	if from == current {
		return body, from, nil
	}
	for ver := from; ver < current; ver++ {
		step := findStep(steps, ver)
		if step == nil {
			return nil, from, &locales.Error{Code: "error.version.migrate", Params: map[string]any{"Version": fmt.Sprint(ver), "Current": current},
				Err: fmt.Errorf("no migration from format version %d", ver)}
		}
		if err := step.Apply(obj); err != nil {
			return nil, from, &locales.Error{Code: "error.version.migrate", Params: map[string]any{"Version": fmt.Sprint(ver), "Current": current}, Err: err}
		}
		obj["schemaVersion"] = json.Number(fmt.Sprint(ver + 1))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(obj); err != nil {
		return nil, from, &locales.Error{Code: "error.version.migrate", Params: map[string]any{"Version": fmt.Sprint(from), "Current": current}, Err: err}
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), from, nil
}

func findStep(steps []Migration, from int) *Migration {
	for i := range steps {
		if steps[i].From == from {
			return &steps[i]
		}
	}
	return nil
}
