// Package schemas embeds the request schemas and validates drafts against them.
//
// Each kind of request (expedited preservation, disclosure of preserved
// traffic data, access to stored data, mutual legal assistance, real-time
// collection, interception, emergency disclosure) has a JSON Schema 2020-12
// document under https://schemas.evidraft.org/v1/; shared definitions live in
// defs.schema.json. The schemas are compiled once, with format assertions on
// and custom formats for telephone numbers, device and SIM identifiers, time
// zones, countries and crypto-asset addresses. Rules no schema keyword can
// express (a range's start before its end, an IP address with a time, ...)
// are checked in Go and reported the same way.
//
// # Findings
//
// Validate returns findings, never an error for an invalid draft: an error
// means the draft could not be validated at all (not JSON, unknown kind).
// Each finding has a JSON Pointer, a stable code, a severity and a message in
// the requested language that names the field by its translated title.
//
//	res, err := schemas.Validate(draft, schemas.Options{Lang: language.French, Mode: schemas.Final})
//	for _, f := range res.Findings { fmt.Println(f.Pointer, f.Message) }
//
// # The form
//
// BuildForm gives the editor's model of a draft: the task list's sections
// with their status, each section's fields (label, hint, widget, value,
// display text, direction, findings) and every finding with the section
// that holds it; with FormOptions.Rows, each section's check-answers rows.
// A field's Text is the one display of an answer: the check-answers page
// shows it and the printed request (package render) prints it.
//
//	form, err := schemas.BuildForm(v, schemas.FormOptions{Lang: language.Arabic, Rows: true})
//
// # Sections
//
// Kinds lists the request kinds, Schema returns one kind's schema document,
// Example a complete valid draft of it, and FS the embedded files.
package schemas
