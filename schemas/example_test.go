package schemas_test

import (
	"fmt"
	"time"

	"github.com/evidraft/evidraft/schemas"
	"golang.org/x/text/language"
)

func ExampleValidate() {
	draft := []byte(`{
	  "kind": "preservation", "schemaVersion": 1,
	  "dataSought": [{"category": "traffic",
	    "identifier": {"type": "ipv4", "value": "203.0.113.7", "timestamp": "2026-10-25T14:03:07"}}]
	}`)
	res, err := schemas.Validate(draft, schemas.Options{
		Lang: language.English,
		Mode: schemas.Final,
		Now:  time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		fmt.Println("could not validate:", err)
		return
	}
	fmt.Println("valid:", res.Valid)
	for _, f := range res.Findings {
		if f.Pointer == "/dataSought/0/identifier/timestamp" {
			fmt.Println(f.Severity, f.Code, f.Pointer)
			fmt.Println(f.Message)
		}
	}
	// Output:
	// valid: false
	// error format.date-time.offset /dataSought/0/identifier/timestamp
	// Data item 1 › Identifier › Time of use: add the UTC offset to the time, for example +07:00 or Z. A local time without offset is ambiguous and the provider may search the wrong hour.
}
