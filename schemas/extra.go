package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/evidraft/evidraft/locales"
)

// A portal may add request kinds of its own (evidraft build --extra DIR):
// each is a schema document whose $id is BaseURL + "extra/<id>.schema.json";
// it may $ref the shared definitions like the built-in kinds do, and it is
// validated, turned into a form and printed exactly like them.

var (
	extraMu       sync.Mutex
	extraFiles    = map[string][]byte{} // "extra/<id>.schema.json" -> document
	extraExamples = map[string][]byte{} // kind id -> example draft
	extraID       = regexp.MustCompile(`^[a-z][a-z0-9-]{1,40}$`)
)

// AddKind adds a request kind from its schema document and, optionally, a
// valid example draft. It returns the kind's id. The schemas are compiled
// again at once, so an error leaves the kinds as they were.
func AddKind(schema, example []byte) (string, error) { return addKind(schema, example, true) }

// addKind adds a kind; with check false it neither compiles the schemas
// nor validates the example (see LoadBuiltExtra).
func addKind(schema, example []byte, check bool) (string, error) {
	if check && trusted.Load() {
		return "", errors.New("schemas: extra kind: documents are trusted without a check here (TrustEmbedded); add kinds with evidraft build --extra")
	}
	var head struct {
		ID    string `json:"$id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal(schema, &head); err != nil {
		return "", fmt.Errorf("schemas: extra kind: %w", err)
	}
	name, ok := strings.CutPrefix(head.ID, BaseURL)
	id, ok2 := strings.CutSuffix(strings.TrimPrefix(name, "extra/"), ".schema.json")
	if !ok || !ok2 || !strings.HasPrefix(name, "extra/") || !extraID.MatchString(id) {
		return "", fmt.Errorf("schemas: extra kind: $id %q must be %sextra/<id>.schema.json, id in lower case letters, digits and -", head.ID, BaseURL)
	}
	if head.Title == "" {
		return "", fmt.Errorf("schemas: extra kind %s: the schema needs a title", id)
	}
	extraMu.Lock()
	defer extraMu.Unlock()
	if old, ok := extraFiles[name]; ok && bytes.Equal(old, schema) {
		return id, nil // the same folder loaded again
	}
	if slices.Contains(kindIDs, id) {
		return "", fmt.Errorf("schemas: extra kind %s: a kind with that id exists", id)
	}
	extraFiles[name] = schema
	if example != nil {
		extraExamples[id] = example
	}
	kindIDs = append(kindIDs, id)
	recompile()
	if !check {
		return id, nil
	}
	if err := CompileError(); err != nil {
		delete(extraFiles, name)
		delete(extraExamples, id)
		kindIDs = kindIDs[:len(kindIDs)-1]
		recompile()
		return "", err
	}
	if example != nil {
		res, err := Validate(example, Options{})
		if err != nil || !res.Valid || res.Kind != id {
			return id, fmt.Errorf("schemas: extra kind %s: its example is not a valid draft of it (%v)", id, err)
		}
	}
	return id, nil
}

func recompile() {
	compileOnce = sync.Once{}
	state = nil
}

// readFile returns a schema document by file name, built in or extra.
func readFile(name string) ([]byte, error) {
	if data, ok := extraFiles[name]; ok {
		return data, nil
	}
	return files.ReadFile(name)
}

// kindFile is the file name of a kind's schema.
func kindFile(id string) string {
	if _, ok := extraFiles["extra/"+id+".schema.json"]; ok {
		return "extra/" + id + ".schema.json"
	}
	return id + ".schema.json"
}

// LoadExtra adds what a portal's extra folder holds, given as file name
// (slash-separated, relative to the folder) -> content: every
// "<id>.schema.json" with its optional "<id>.example.json", and every
// "locales/<tag>/*.gotext.json" catalog. It returns the kinds added.
func LoadExtra(files map[string][]byte) ([]string, error) { return loadExtra(files, true) }

// LoadBuiltExtra is LoadExtra for a folder that evidraft build has already
// checked with LoadExtra: the schemas are compiled and the catalogs'
// languages read when first needed, not now, and the examples are not
// validated again. The engine uses it at start, where compiling every
// schema would delay the first page by 0.4–1.3 s, and reading a language
// by a quarter of a second.
func LoadBuiltExtra(files map[string][]byte) ([]string, error) { return loadExtra(files, false) }

func loadExtra(files map[string][]byte, check bool) ([]string, error) {
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if strings.HasPrefix(name, "locales/") && strings.HasSuffix(name, ".gotext.json") {
			add := locales.AddBuiltCatalog
			if check {
				add = locales.AddCatalog
			}
			if err := add(files[name]); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	var ids []string
	for _, name := range names {
		base, ok := strings.CutSuffix(name, ".schema.json")
		if !ok || strings.Contains(name, "/") {
			continue
		}
		id, err := addKind(files[name], files[base+".example.json"], check)
		if err != nil {
			return ids, fmt.Errorf("%s: %w", name, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// resetExtras removes the kinds AddKind added (for tests).
func resetExtras() {
	extraMu.Lock()
	defer extraMu.Unlock()
	for name := range extraFiles {
		id := strings.TrimSuffix(strings.TrimPrefix(name, "extra/"), ".schema.json")
		kindIDs = slices.DeleteFunc(kindIDs, func(k string) bool { return k == id })
	}
	extraFiles = map[string][]byte{}
	extraExamples = map[string][]byte{}
	recompile()
}
