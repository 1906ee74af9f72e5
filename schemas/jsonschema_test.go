package schemas_test

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The patched jsonschema (schemas/internal/third_party/jsonschema/NOTE)
// compiles a draft's metaschema at first use instead of in init. Every
// draft must still check a schema against its metaschema, from several
// goroutines at once, and an instance against the schema.
func TestJSONSchemaLazyMetaschemas(t *testing.T) {
	drafts := []struct {
		draft  *jsonschema.Draft
		schema string
	}{
		{jsonschema.Draft4, "http://json-schema.org/draft-04/schema#"},
		{jsonschema.Draft6, "http://json-schema.org/draft-06/schema#"},
		{jsonschema.Draft7, "http://json-schema.org/draft-07/schema#"},
		{jsonschema.Draft2019, "https://json-schema.org/draft/2019-09/schema"},
		{jsonschema.Draft2020, "https://json-schema.org/draft/2020-12/schema"},
	}
	var wg sync.WaitGroup
	for _, d := range drafts {
		for range 3 {
			wg.Go(func() {
				bad := jsonschema.NewCompiler()
				bad.DefaultDraft(d.draft)
				if err := bad.AddResource("bad.json", map[string]any{"$schema": d.schema, "type": 12}); err != nil {
					t.Error(err)
					return
				}
				_, err := bad.Compile("bad.json")
				var sve *jsonschema.SchemaValidationError
				if !errors.As(err, &sve) {
					t.Errorf("%s: a schema with \"type\": 12 compiled: %v", d.draft, err)
				}

				good := jsonschema.NewCompiler()
				if err := good.AddResource("good.json", map[string]any{"$schema": d.schema, "type": "string", "minLength": 2}); err != nil {
					t.Error(err)
					return
				}
				sch, err := good.Compile("good.json")
				if err != nil {
					t.Errorf("%s: %v", d.draft, err)
					return
				}
				if err := sch.Validate("ab"); err != nil {
					t.Errorf("%s: \"ab\": %v", d.draft, err)
				}
				if err := sch.Validate("a"); err == nil || !strings.Contains(err.Error(), "minLength") {
					t.Errorf("%s: \"a\" against minLength 2: %v", d.draft, err)
				}
			})
		}
	}
	wg.Wait()
}
