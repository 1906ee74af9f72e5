package schemas

import "github.com/evidraft/evidraft/locales"

// Section statuses, as the task list shows them.
const (
	NotStarted = "notStarted"
	InProgress = "inProgress"
	Completed  = "completed"
	Problem    = "problem"
)

// Section is one page of the editor and one entry of the task list.
type Section struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Status   string   `json:"status"`
	Errors   int      `json:"errors"`
	Warnings int      `json:"warnings"`
	Fields   []*Field `json:"fields"`
	// Flat: the section is made of one group, and its page shows that
	// group's fields directly (the section's title is the group's label).
	Flat bool `json:"flat"`
	// Hidden is how many of Form.Hidden lie inside the section.
	Hidden int `json:"hidden"`
	// AfterFinal: the section records what happened after the request
	// was sent, so it stays editable once the draft is finalised.
	AfterFinal bool `json:"afterFinal,omitempty"`
	// Rows are the check-answers page's rows, with FormOptions.Rows.
	Rows []Row `json:"rows,omitempty"`
}

// sectionOf puts each top-level property in a section of the task list;
// properties not named here are details of the measure. The order of
// sectionOrder is the order of the printed request.
var sectionOf = map[string]string{
	"reference": "details", "issueDate": "details", "issuedAt": "details", "language": "details", "translationLanguage": "details",
	"requestingAuthority": "authority",
	"requestedState":      "recipient", "channel": "recipient",
	"legalBasis":    "legalBasis",
	"investigation": "case", "offences": "case", "facts": "case", "persons": "case", "emergency": "case",
	"dataSought": "data", "itemsOrAccounts": "data", "assistance": "data", "identifiedProvider": "data",
	"trafficData": "data", "transmissionPath": "data",
	"safeguards": "safeguards", "dataProtection": "safeguards", "confidentiality": "safeguards",
	"urgency": "urgency", "earlierRequests": "urgency",
	"signature": "signature", "annexes": "signature", "translations": "translation",
	"tracking": "tracking",
	"kind":     "", "schemaVersion": "",
	// the EU certificates
	"languageBasis": "details", "validatingAuthority": "authority", "addressee": "recipient", "notification": "recipient",
	"userInformation": "safeguards", "certification": "signature",
	// the Second Additional Protocol's direct requests
	"underProtocol": "legalBasis", "specificInvestigation": "legalBasis", "domesticGrounds": "legalBasis",
	"seekingAuthority": "authority", "domainName": "data", "dataElements": "data", "registrationPeriod": "data",
}

// SectionOrder lists the section ids in task-list and print order.
var SectionOrder = []string{"details", "authority", "recipient", "legalBasis", "case", "data", "measure", "safeguards", "urgency", "signature", "translation", "tracking"}

// SectionOf returns the section a top-level property belongs to, "" for
// the format's own properties (kind, schemaVersion).
func SectionOf(prop string) string {
	if s, ok := sectionOf[prop]; ok {
		return s
	}
	return "measure"
}

// sections puts the top-level fields of a draft in their sections, in
// SectionOrder; a section without fields is left out, and so is the
// translation section while it asks nothing.
func sections(top *Field, loc *locales.Localizer) []*Section {
	bySection := map[string]*Section{}
	for _, fd := range top.Fields {
		id := SectionOf(fd.Name)
		if id == "" || fd.Name == "translations" && !fd.Visible {
			continue
		}
		s := bySection[id]
		if s == nil {
			s = &Section{ID: id, Title: loc.Text("section." + id), AfterFinal: id == "tracking"}
			bySection[id] = s
		}
		s.Fields = append(s.Fields, fd)
	}
	var out []*Section
	for _, id := range SectionOrder {
		if s := bySection[id]; s != nil {
			s.Flat = len(s.Fields) == 1 && s.Fields[0].Widget == "group"
			out = append(out, s)
		}
	}
	return out
}

// sectionAt returns the id of the section that holds ptr, "" if none.
func sectionAt(all []*Section, ptr string) string {
	for _, s := range all {
		if s.contains(ptr) {
			return s.ID
		}
	}
	return ""
}

// contains reports whether a pointer is one of the section's fields or
// inside one.
func (s *Section) contains(ptr string) bool {
	for _, fd := range s.Fields {
		if ptr == fd.Pointer || len(ptr) > len(fd.Pointer) && ptr[:len(fd.Pointer)] == fd.Pointer && ptr[len(fd.Pointer)] == '/' {
			return true
		}
	}
	return false
}

// count sets the section's numbers of errors, warnings and hidden answers
// and its status from the form's findings (each knows its section) and
// hidden answers.
func (s *Section) count(findings []FormFinding, hidden []string) {
	for _, p := range hidden {
		if s.contains(p) {
			s.Hidden++
		}
	}
	answered := false
	for _, fd := range s.Fields {
		if fd.Value != nil {
			answered = true
		}
	}
	wrong := false
	for _, fd := range findings {
		if fd.Section != s.ID {
			continue
		}
		if fd.Severity == Error {
			s.Errors++
			if fd.Code != "required" && fd.Code != "minItems" {
				wrong = true
			}
		} else {
			s.Warnings++
		}
	}
	// Not started without any answer; completed without errors; in
	// progress while the only errors are missing answers; a problem when
	// an answer is wrong.
	switch {
	case !answered && s.Errors > 0 && wrong:
		s.Status = Problem
	case !answered:
		s.Status = NotStarted
	case wrong:
		s.Status = Problem
	case s.Errors > 0:
		s.Status = InProgress
	default:
		s.Status = Completed
	}
}
