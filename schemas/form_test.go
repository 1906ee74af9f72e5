package schemas

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
)

// findField returns the field at ptr anywhere in the form.
func findField(f *Form, ptr string) *Field {
	var walk func(fs []*Field) *Field
	walk = func(fs []*Field) *Field {
		for _, fd := range fs {
			if fd.Pointer == ptr {
				return fd
			}
			if x := walk(fd.Fields); x != nil {
				return x
			}
			if x := walk(fd.Items); x != nil {
				return x
			}
		}
		return nil
	}
	for _, s := range f.Sections {
		if x := walk(s.Fields); x != nil {
			return x
		}
	}
	return nil
}

func TestFormExamples(t *testing.T) {
	for _, kind := range kindIDs {
		f, err := BuildForm(exampleValue(t, kind), FormOptions{Lang: language.English, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if !f.Valid || f.Errors != 0 || len(f.Hidden) != 0 {
			t.Errorf("%s example: valid %v, errors %d, hidden %v", kind, f.Valid, f.Errors, f.Hidden)
		}
		var ids []string
		for _, s := range f.Sections {
			ids = append(ids, s.ID)
			// After sending is no part of the request: an example is not sent.
			if s.Status != Completed && !s.AfterFinal {
				t.Errorf("%s section %s status %s, want completed", kind, s.ID, s.Status)
			}
			if s.Title == "" || s.Title == "section."+s.ID {
				t.Errorf("%s section %s has no title", kind, s.ID)
			}
		}
		// Sections keep the print order, and every property has one.
		if !slices.IsSortedFunc(ids, func(a, b string) int { return slices.Index(SectionOrder, a) - slices.Index(SectionOrder, b) }) {
			t.Errorf("%s sections out of order: %v", kind, ids)
		}
		var check func(fs []*Field)
		check = func(fs []*Field) {
			for _, fd := range fs {
				if fd.Label == "" || fd.Widget == "" {
					t.Errorf("%s %s: label %q widget %q", kind, fd.Pointer, fd.Label, fd.Widget)
				}
				check(fd.Fields)
				check(fd.Items)
			}
		}
		for _, s := range f.Sections {
			check(s.Fields)
		}
	}
}

func TestFormWidgets(t *testing.T) {
	f, err := BuildForm(exampleValue(t, "preservation"), FormOptions{Lang: language.English, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"/reference":                             "text",
		"/issueDate":                             "date",
		"/language":                              "language",
		"/requestingAuthority/timeZone":          "timezone",
		"/requestingAuthority/country":           "country",
		"/requestingAuthority/contact/email":     "email",
		"/requestingAuthority/contact/phone":     "tel",
		"/requestingAuthority/contact/languages": "list",
		"/requestingAuthority":                   "group",
		"/facts":                                 "textarea",
		"/dataSought":                            "groups",
		"/dataSought/0/timeRange/start":          "datetime",
		"/dataSought/0/category":                 "select",
		"/dataSought/1/identifier/value":         "email", // the type's format, not "identifier"
		"/followUpRequest":                       "checkbox",
		"/preservationDays":                      "number",
		"/urgency/urgent":                        "checkbox",
	}
	for ptr, w := range want {
		fd := findField(f, ptr)
		if fd == nil {
			t.Errorf("no field %s", ptr)
			continue
		}
		if fd.Widget != w {
			t.Errorf("%s widget %s, want %s", ptr, fd.Widget, w)
		}
	}
	if fd := findField(f, "/dataSought/0"); fd == nil || fd.Label != "Data item 1" {
		t.Errorf("item label = %+v", fd)
	}
	if fd := findField(f, "/dataSought/0/category"); fd == nil || len(fd.Options) < 3 || fd.Options[0].Label == fd.Options[0].Value {
		t.Errorf("category options = %+v", fd.Options)
	}
	mla, _ := BuildForm(exampleValue(t, "mla"), FormOptions{Lang: language.English, Now: testNow})
	if fd := findField(mla, "/assistance/types"); fd == nil || fd.Widget != "checkboxes" || len(fd.Options) < 10 {
		t.Errorf("mla assistance types = %+v", fd)
	}
}

// Conditions decide what is visible and required; hidden answers stay in
// the draft, are listed, and are not validated.
func TestFormConditions(t *testing.T) {
	v := exampleValue(t, "preservation")
	urgency := v["urgency"].(map[string]any)
	urgency["urgent"] = false
	delete(urgency, "reasons")
	delete(urgency, "deadline")
	id := v["dataSought"].([]any)[0].(map[string]any)["identifier"].(map[string]any)
	id["type"] = "email"
	id["value"] = "user@example.org"
	id["service"] = "" // an answer the e-mail type hides: invalid, but not checked
	f, err := BuildForm(v, FormOptions{Lang: language.English, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if fd := findField(f, "/urgency/reasons"); fd == nil || fd.Visible || fd.Required {
		t.Errorf("reasons without urgency: %+v", fd)
	}
	if fd := findField(f, "/dataSought/0/identifier/service"); fd == nil || fd.Visible {
		t.Errorf("service of an e-mail identifier: %+v", fd)
	}
	if !slices.Contains(f.Hidden, "/dataSought/0/identifier/service") {
		t.Errorf("hidden = %v", f.Hidden)
	}
	for _, fd := range f.Findings {
		if fd.Pointer == "/dataSought/0/identifier/service" {
			t.Errorf("a hidden answer was validated: %+v", fd)
		}
	}
	urgency["urgent"] = true
	id["type"] = "account"
	f, _ = BuildForm(v, FormOptions{Lang: language.English, Now: testNow})
	if fd := findField(f, "/urgency/reasons"); fd == nil || !fd.Visible || !fd.Required || len(fd.Findings) == 0 {
		t.Errorf("reasons when urgent: %+v", fd)
	}
	if fd := findField(f, "/dataSought/0/identifier/service"); fd == nil || !fd.Visible || !fd.Required {
		t.Errorf("service of an account: %+v", fd)
	}
}

func TestFormStatus(t *testing.T) {
	v := map[string]any{"kind": "preservation", "schemaVersion": json.Number("1")}
	f, err := BuildForm(v, FormOptions{Lang: language.English, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Sections {
		if s.Status != NotStarted {
			t.Errorf("empty draft: %s is %s", s.ID, s.Status)
		}
	}
	v["reference"] = "ABC-1"
	v["language"] = "not a tag!"
	f, _ = BuildForm(v, FormOptions{Lang: language.English, Now: testNow})
	if f.Sections[0].ID != "details" || f.Sections[0].Status != Problem {
		t.Errorf("details with a bad language: %+v", f.Sections[0])
	}
	v["language"] = "en"
	f, _ = BuildForm(v, FormOptions{Lang: language.English, Now: testNow})
	if f.Sections[0].Status != InProgress {
		t.Errorf("details with a missing date: %s", f.Sections[0].Status)
	}
}

func TestFormArabic(t *testing.T) {
	f, err := BuildForm(exampleValue(t, "emergency"), FormOptions{Lang: language.Arabic, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if f.Dir != "rtl" || f.Lang != "ar" {
		t.Errorf("dir %s lang %s", f.Dir, f.Lang)
	}
	if fd := findField(f, "/facts"); fd == nil || fd.Label != "ملخص الوقائع" {
		t.Errorf("facts label = %+v", fd)
	}
}

// TestPruneCopiesOnlyThePath: pruning leaves the draft as it was, drops
// the hidden answer from its result, copies the objects and lists on the
// way to it and shares everything else.
func TestPruneCopiesOnlyThePath(t *testing.T) {
	v := exampleValue(t, "preservation")
	id := v["dataSought"].([]any)[0].(map[string]any)["identifier"].(map[string]any)
	id["type"] = "email"
	id["value"] = "user@example.org"
	id["service"] = "hidden by the e-mail type"
	k, _ := KindByID("preservation")
	before, _ := json.Marshal(v)
	out, hidden := k.prune(v)
	if after, _ := json.Marshal(v); string(after) != string(before) {
		t.Fatal("prune changed the draft")
	}
	if !slices.Equal(hidden, []string{"/dataSought/0/identifier/service"}) {
		t.Fatalf("hidden = %v", hidden)
	}
	p := out.(map[string]any)
	pid := p["dataSought"].([]any)[0].(map[string]any)["identifier"].(map[string]any)
	if _, ok := pid["service"]; ok || pid["value"] != "user@example.org" {
		t.Errorf("pruned identifier: %v", pid)
	}
	same := func(a, b any) bool { return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer() }
	if same(p, v) || same(p["dataSought"], v["dataSought"]) || same(pid, id) {
		t.Error("an object on the way to the hidden answer was not copied")
	}
	if !same(p["requestingAuthority"], v["requestingAuthority"]) {
		t.Error("an object without hidden answers was copied")
	}
	// A draft that hides nothing comes back as it is.
	clean := exampleValue(t, "preservation")
	if out, hidden := k.prune(clean); !same(out, clean) || len(hidden) != 0 {
		t.Errorf("a draft without hidden answers: copied %v, hidden %v", !same(out, clean), hidden)
	}
}

// TestSimpleConds: the conditions pruning tests itself give the answer
// jsonschema gives, on objects made from every condition's values.
func TestSimpleConds(t *testing.T) {
	st := mustSchemas()
	if len(st.conds) < 15 {
		t.Fatalf("only %d simple conditions found", len(st.conds))
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.UseLoader(loader{})
	// Every value any condition names, for every property any names, and
	// values of other types.
	props := map[string]bool{}
	values := []any{json.Number("1"), nil, []any{}, map[string]any{}, "", true, false}
	for _, cd := range st.conds {
		for p, vs := range cd.allowed {
			props[p] = true
			values = append(values, vs...)
		}
		for _, r := range cd.required {
			props[r] = true
		}
	}
	checked := 0
	for loc, cd := range st.conds {
		sch, err := c.Compile(loc)
		if err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		var objs []map[string]any
		match := map[string]any{}
		for _, r := range cd.required {
			match[r] = "x"
		}
		for p, vs := range cd.allowed {
			match[p] = vs[0]
		}
		objs = append(objs, match, map[string]any{})
		for p := range props {
			for _, v := range values {
				o := maps.Clone(match)
				o[p] = v
				objs = append(objs, o)
			}
			o := maps.Clone(match)
			delete(o, p)
			objs = append(objs, o)
		}
		for _, o := range objs {
			if got, want := cd.holds(o), sch.Validate(o) == nil; got != want {
				t.Errorf("%s on %v: %v, jsonschema says %v", loc, o, got, want)
			}
			checked++
		}
	}
	t.Logf("%d conditions, %d objects", len(st.conds), checked)
}

// TestFormListsEveryMissingQuestion: an empty draft's form names each
// required question of a missing group (the requesting authority's name,
// type, address, country, contact, time zone) instead of the group once,
// each on its own field, and counts them.
func TestFormListsEveryMissingQuestion(t *testing.T) {
	v, _ := ReadDraft([]byte(`{"kind": "preservation", "schemaVersion": 1}`))
	f, err := BuildForm(v, FormOptions{Lang: language.English, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/requestingAuthority/name", "/requestingAuthority/type", "/requestingAuthority/address", "/requestingAuthority/country",
		"/requestingAuthority/contact/name", "/requestingAuthority/contact/phone", "/requestingAuthority/contact/email", "/requestingAuthority/timeZone"}
	var got []string
	for _, fd := range f.Findings {
		if strings.HasPrefix(fd.Pointer, "/requestingAuthority") {
			got = append(got, fd.Pointer)
			if fd.Code != "required" || !strings.HasPrefix(fd.Message, "Requesting authority › ") {
				t.Errorf("finding %s %s %q", fd.Pointer, fd.Code, fd.Message)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("authority findings %v, want %v", got, want)
	}
	var authority *Section
	for _, s := range f.Sections {
		if s.ID == "authority" {
			authority = s
		}
	}
	if authority == nil || authority.Errors != len(want) {
		t.Fatalf("authority section = %+v", authority)
	}
	group := authority.Fields[0]
	if len(group.Findings) != 0 || len(group.Fields[0].Findings) != 1 || group.Fields[0].Pointer != "/requestingAuthority/name" {
		t.Errorf("the group keeps %v, its name field has %v", group.Findings, group.Fields[0].Findings)
	}
	// Once the group exists, validation itself names what it lacks.
	v, _ = ReadDraft([]byte(`{"kind": "preservation", "schemaVersion": 1, "requestingAuthority": {"name": "X"}}`))
	f, _ = BuildForm(v, FormOptions{Lang: language.English, Now: testNow})
	n := 0
	for _, fd := range f.Findings {
		if strings.HasPrefix(fd.Pointer, "/requestingAuthority/") {
			n++
		}
	}
	if n < 5 {
		t.Errorf("with a name, %d findings under the authority", n)
	}
}

// sectionHolding returns the id of the section that shows the field at ptr.
func sectionHolding(f *Form, ptr string) string {
	for _, s := range f.Sections {
		for _, fd := range s.Fields {
			if fd.Pointer == ptr {
				return s.ID
			}
		}
	}
	return ""
}

// TestFormAnnexesAndZones: every kind lists its annexes in the signature
// section and asks for the requested State's time zone; only an
// emergency asks for the time of issue, with the date of issue.
func TestFormAnnexesAndZones(t *testing.T) {
	for _, kind := range kindIDs {
		f, err := BuildForm(exampleValue(t, kind), FormOptions{Lang: language.French, Now: testNow})
		if err != nil {
			t.Fatal(err)
		}
		if got := sectionHolding(f, "/annexes"); got != "signature" {
			t.Errorf("%s: /annexes is in section %q, want signature", kind, got)
		}
		if fd := findField(f, "/annexes"); fd == nil || fd.Widget != "list" || fd.MaxItems != 20 || fd.Label != "Annexes" || fd.Required {
			t.Errorf("%s: annexes field = %+v, want an optional list of at most 20", kind, fd)
		}
		zone, label := "/requestedState/timeZone", "Fuseau horaire de l’État requis"
		if _, ok := exampleValue(t, kind)["addressee"]; ok { // sent to a provider, not a State
			zone, label = "/addressee/timeZone", "Fuseau horaire du destinataire"
		}
		if fd := findField(f, zone); fd == nil || fd.Widget != "timezone" || fd.Label != label || fd.Required {
			t.Errorf("%s: time zone of the addressee = %+v", kind, fd)
		}
		issuedAt := findField(f, "/issuedAt")
		switch {
		case kind == "emergency" && (issuedAt == nil || issuedAt.Widget != "datetime" || issuedAt.Required || sectionHolding(f, "/issuedAt") != "details"):
			t.Errorf("emergency: time of issue = %+v in section %q, want an optional datetime in details", issuedAt, sectionHolding(f, "/issuedAt"))
		case kind != "emergency" && issuedAt != nil:
			t.Errorf("%s: has a time of issue; only an emergency does", kind)
		}
	}
}

// TestAnnexesAndZonesValidated: the new fields are checked like the others.
func TestAnnexesAndZonesValidated(t *testing.T) {
	tooMany := make([]any, 21)
	for i := range tooMany {
		tooMany[i] = "Annex " + strconv.Itoa(i+1)
	}
	res := mutate(t, "mla", func(v map[string]any) { v["annexes"] = tooMany })
	wantError(t, res, "/annexes", "maxItems", "21 annexes")
	res = mutate(t, "mla", func(v map[string]any) { v["annexes"] = []any{"  "} })
	wantError(t, res, "/annexes/0", "required", "a blank annex")
	res = mutate(t, "preservation", func(v map[string]any) { v["requestedState"].(map[string]any)["timeZone"] = "Europe/Atlantis" })
	wantError(t, res, "/requestedState/timeZone", "format.iana-time-zone", "an unknown zone")
	res = mutate(t, "emergency", func(v map[string]any) { v["issuedAt"] = "2026-11-23T07:40:00" })
	wantError(t, res, "/issuedAt", "format.date-time.offset", "a time of issue without offset")
	res = mutate(t, "preservation", func(v map[string]any) { v["issuedAt"] = "2026-11-20T10:00:00+01:00" })
	wantError(t, res, "/issuedAt", "unknown", "a time of issue outside an emergency")
}

// TestFormPageFacts: each finding names its section, each section says
// whether it is flat and how many hidden answers it holds, and its rows
// are the check-answers page: group labels before the question's (not
// the flat section's own group), list items by their label, a list of
// groups without items as one unanswered row.
func TestFormPageFacts(t *testing.T) {
	v, _ := ReadDraft([]byte(`{"kind": "preservation", "schemaVersion": 1, "reference": "R-1",
		"requestingAuthority": {"name": "Parquet", "contact": {"email": "a@example.org"}},
		"urgency": {"urgent": false, "reasons": "kept but hidden"}}`))
	f, err := BuildForm(v, FormOptions{Lang: language.English, Now: testNow, Rows: true})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Section{}
	for _, s := range f.Sections {
		byID[s.ID] = s
	}
	for _, fd := range f.Findings {
		if got := sectionHolding(f, "/"+strings.SplitN(fd.Pointer, "/", 3)[1]); fd.Section != got {
			t.Errorf("finding %s: section %q, want %q", fd.Pointer, fd.Section, got)
		}
	}
	if !byID["authority"].Flat || byID["details"].Flat || byID["urgency"].Flat {
		t.Errorf("flat: authority %v, details %v, urgency %v", byID["authority"].Flat, byID["details"].Flat, byID["urgency"].Flat)
	}
	if !slices.Equal(f.Hidden, []string{"/urgency/reasons"}) || byID["urgency"].Hidden != 1 || byID["authority"].Hidden != 0 {
		t.Errorf("hidden %v, urgency %d, authority %d", f.Hidden, byID["urgency"].Hidden, byID["authority"].Hidden)
	}
	want := map[string]Row{
		"/requestingAuthority/name":          {Label: "Name of the authority", Text: "Parquet"},
		"/requestingAuthority/type":          {Label: "Type of authority", Missing: true},
		"/requestingAuthority/contact/email": {Label: "Contact person › E-mail", Text: "a@example.org", Dir: "ltr"},
		"/urgency/urgent":                    {Label: "Urgency › Urgent", Text: "No"},
		"/earlierRequests":                   {Label: "Earlier requests", Missing: true},
		"/reference":                         {Label: "Reference number", Text: "R-1", Dir: "ltr"},
	}
	got := map[string]Row{}
	for _, s := range f.Sections {
		for _, r := range s.Rows {
			if r.Pointer == "/urgency/reasons" {
				t.Errorf("a hidden answer has a row: %+v", r)
			}
			got[r.Pointer] = r
		}
	}
	for ptr, w := range want {
		w.Pointer = ptr
		if got[ptr] != w {
			t.Errorf("row %s = %+v, want %+v", ptr, got[ptr], w)
		}
	}
	// Items of a list of groups: "List › Item n › Question".
	f, _ = BuildForm(exampleValue(t, "preservation"), FormOptions{Lang: language.English, Now: testNow, Rows: true})
	found := false
	for _, s := range f.Sections {
		for _, r := range s.Rows {
			if r.Pointer == "/dataSought/1/identifier/value" {
				found = true
				if r.Label != "Data to be preserved › Data item 2 › Identifier › Value" || r.Text == "" || r.Dir != "ltr" {
					t.Errorf("row %+v", r)
				}
			}
		}
	}
	if !found {
		t.Error("no row for /dataSought/1/identifier/value")
	}
	if f, _ := BuildForm(v, FormOptions{Lang: language.English, Now: testNow}); f.Sections[0].Rows != nil {
		t.Error("rows without FormOptions.Rows")
	}
}

// TestUntickedBoxIsNo: on the check-answers page an unticked checkbox
// (the answer absent) reads No, as a box ticked off does: the form has no
// other way to answer it, and "Not answered" would ask for what cannot be
// given.
func TestUntickedBoxIsNo(t *testing.T) {
	v := exampleValue(t, "preservation")
	offence := v["offences"].([]any)[0].(map[string]any)
	delete(offence, "lifeImprisonment")
	f, err := BuildForm(v, FormOptions{Lang: language.English, Now: testNow, Rows: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Sections {
		for _, r := range s.Rows {
			if r.Pointer == "/offences/0/lifeImprisonment" {
				if r.Text != "No" || r.Missing {
					t.Errorf("unticked box row %+v, want the text No, not missing", r)
				}
				return
			}
		}
	}
	t.Error("no row for /offences/0/lifeImprisonment")
}
