//go:build js && wasm

package main

import (
	"encoding/json"
	"slices"
	"strings"
	"syscall/js"
	"time"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/schemas/render"
)

// The engine's checking and printing: validate, read, form and render.

// warm() compiles the schemas now (the first validation or form would),
// so that opening the first draft does not wait for it; the page calls it
// when it is idle after drawing. It rejects if they do not compile.
func warm([]js.Value) (any, error) { return nil, schemas.CompileError() }

// draftCall reads the arguments of a call on a draft: the draft as JSON
// text (given as text or an object), the options, and their "now".
func draftCall(args []js.Value) (text string, opts js.Value, now time.Time, err error) {
	if text, err = draftText(arg(args, 0)); err != nil {
		return "", js.Undefined(), time.Time{}, err
	}
	opts = arg(args, 1)
	now, err = nowOption(opts)
	return text, opts, now, err
}

// validate(draft, {lang, final, kind, now}) -> {kind, valid, findings}, the
// same shape as the CLI's JSON output. draft is JSON text or an object.
func validate(args []js.Value) (any, error) {
	text, opts, now, err := draftCall(args)
	if err != nil {
		return nil, err
	}
	o := schemas.Options{Lang: langOption(opts), Kind: option(opts, "kind"), Now: now}
	if optionBool(opts, "final") {
		o.Mode = schemas.Final
	}
	return schemas.Validate([]byte(text), o)
}

// read(draft) -> {kind, schemaVersion}: the draft read as validate reads
// it (JSON text or an object; strictly, see schemas.ReadDraft) and
// nothing checked; it rejects as validate does when the text is no JSON
// object. It is the floor of every call that takes a draft, the work no
// validator can skip in this design: the performance harness measures
// validate against it.
func readDraft(args []js.Value) (any, error) {
	text, err := draftText(arg(args, 0))
	if err != nil {
		return nil, err
	}
	obj, err := schemas.ReadDraftObject([]byte(text))
	if err != nil {
		return nil, err
	}
	out := map[string]any{"kind": "", "schemaVersion": 0}
	if k, ok := obj["kind"].(string); ok {
		out["kind"] = k
	}
	if n, ok := obj["schemaVersion"].(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			out["schemaVersion"] = int(i)
		}
	}
	return out, nil
}

// form(draft, {lang, final, now, rows, section}) -> the editor's model:
// sections with status, fields with widget, label, hint, options, flags,
// value and findings, each finding with its section; with rows: true each
// section also has its check-answers rows. With section: id (and neither
// final nor rows) the model holds that section only, validated from the
// answers it depends on: its findings are the whole draft's in that
// section, and valid, errors and warnings count them alone.
func form(args []js.Value) (any, error) {
	text, opts, now, err := draftCall(args)
	if err != nil {
		return nil, err
	}
	v, err := schemas.ReadDraft([]byte(text))
	if err != nil {
		return nil, err
	}
	o := schemas.FormOptions{Lang: langOption(opts), Now: now, Rows: optionBool(opts, "rows"), Section: option(opts, "section")}
	if o.Section != "" && !slices.Contains(schemas.SectionOrder, o.Section) {
		return nil, badArgument("section must be one of %s", strings.Join(schemas.SectionOrder, ", "))
	}
	if optionBool(opts, "final") {
		o.Mode = schemas.Final
	}
	return schemas.BuildForm(v, o)
}

// render(draft, {lang, second, final, now}) -> the printed request as an
// HTML fragment (every answer escaped), in the request's language or lang,
// with a second language beside it if asked. Unless final is true and the
// draft passes the final check (as of now), every page is marked a draft.
func renderDraft(args []js.Value) (any, error) {
	text, opts, now, err := draftCall(args)
	if err != nil {
		return nil, err
	}
	o := render.Options{Final: optionBool(opts, "final"), Now: now}
	if l := option(opts, "lang"); l != "" {
		o.Lang = locales.Match(l)
	}
	if l := option(opts, "second"); l != "" {
		o.Second = locales.Match(l)
	}
	var b strings.Builder
	if err := render.Render(&b, []byte(text), o); err != nil {
		return nil, err
	}
	return b.String(), nil
}
