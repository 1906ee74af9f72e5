package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Kind is one request kind with its compiled schema.
type Kind struct {
	ID          string // stable id, for example "preservation"
	Title       string // English title; translations key on it
	Description string // English description
	Articles    string // the articles it rests on, for example "UN 42; BC 29"

	schema *jsonschema.Schema // set by compileSchemas
	fields sync.Map           // pattern path -> []step
}

// compiled is what the schemas say, read in two steps: the kinds' titles
// first (cheap: the home page and the CLI's kinds list need no more), the
// annotations and the compiled schemas at the first validation or form (about 16 ms natively, 0.4–1.3 s in a page that has just started,
// so not before the page is drawn).
type compiled struct {
	kinds  map[string]*Kind
	order  map[string][]string // schema location of a "properties" owner -> keys in file order
	labels map[string]map[string]string
	conds  map[string]cond // schema location of an "if" -> its test, when it is a simple one
	err    error

	schemaOnce sync.Once
	schemaErr  error
}

var (
	compileOnce sync.Once
	state       *compiled
	trusted     atomic.Bool // TrustEmbedded
)

// TrustEmbedded makes every later compilation skip the check of the
// schema documents against their draft's metaschema (and so the
// metaschema's own compilation). The engine calls it at start: it
// compiles only documents built into it, the kinds here and a portal's
// kinds that evidraft build checked (LoadBuiltExtra), all of which the
// native tests and the build compile with the check. In the engine the
// check was about half of compiling the schemas, which every page load
// does once it is drawn (warm). AddKind refuses from then on, as it
// could not check the document.
func TrustEmbedded() { trusted.Store(true) }

// loader serves the embedded schemas and refuses every other URL, so that
// compiling never reaches the network or the file system.
type loader struct{}

func (loader) Load(url string) (any, error) {
	name, err := fileOf(url)
	if err != nil {
		return nil, err
	}
	data, err := readFile(name)
	if err != nil {
		return nil, fmt.Errorf("schemas: no embedded schema %s: %w", name, err)
	}
	return jsonschema.UnmarshalJSON(bytes.NewReader(data))
}

func compileAll() *compiled {
	compileOnce.Do(func() {
		state = &compiled{kinds: map[string]*Kind{}, order: map[string][]string{}, labels: map[string]map[string]string{}, conds: map[string]cond{}}
		state.err = state.read()
	})
	return state
}

// read reads every kind's title, without compiling.
func (st *compiled) read() error {
	for _, id := range kindIDs {
		var raw struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Articles    string `json:"x-articles"`
		}
		data, _ := readFile(kindFile(id))
		if err := json.Unmarshal(data, &raw); err != nil {
			return fmt.Errorf("schemas: %s: %w", id, err)
		}
		st.kinds[id] = &Kind{ID: id, Title: raw.Title, Description: raw.Description, Articles: raw.Articles}
	}
	return nil
}

// compileSchemas reads the annotations and compiles every kind's schema,
// once.
func (st *compiled) compileSchemas() error {
	st.schemaOnce.Do(func() {
		names, err := schemaFiles()
		if err != nil {
			st.schemaErr = err
			return
		}
		for _, name := range names {
			data, _ := readFile(name)
			if err := st.readAnnotations(BaseURL+name, data); err != nil {
				st.schemaErr = err
				return
			}
		}
		c := jsonschema.NewCompiler()
		if trusted.Load() {
			c.TrustSchemas()
		}
		c.DefaultDraft(jsonschema.Draft2020)
		c.AssertFormat()
		c.UseLoader(loader{})
		for _, f := range append(customFormats(), idnFormats()...) {
			c.RegisterFormat(f)
		}
		for _, id := range kindIDs {
			sch, err := c.Compile(BaseURL + kindFile(id))
			if err != nil {
				st.schemaErr = fmt.Errorf("schemas: compile %s: %w", id, err)
				return
			}
			st.kinds[id].schema = sch
		}
	})
	return st.schemaErr
}

// compiledSchema returns the kind's compiled schema, compiling every
// kind's at the first call. It panics if they do not compile, which
// tests rule out.
func (k *Kind) compiledSchema() *jsonschema.Schema {
	mustSchemas()
	return k.schema
}

func schemaFiles() ([]string, error) {
	ents, err := files.ReadDir(".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	for name := range extraFiles {
		names = append(names, name)
	}
	return names, nil
}

// Kinds returns every request kind in the order the instruments list them.
// It panics if the embedded schemas cannot be read, which tests rule out.
func Kinds() []*Kind {
	st := mustCompiled()
	out := make([]*Kind, len(kindIDs))
	for i, id := range kindIDs {
		out[i] = st.kinds[id]
	}
	return out
}

// KindByID returns the kind with id, or ErrUnknownKind.
func KindByID(id string) (*Kind, error) {
	k, ok := mustCompiled().kinds[id]
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownKind, id)
	}
	return k, nil
}

func mustCompiled() *compiled {
	st := compileAll()
	if st.err != nil {
		panic(st.err)
	}
	return st
}

// mustSchemas returns the state with the annotations read and the schemas
// compiled; it panics if they do not compile, which tests rule out.
func mustSchemas() *compiled {
	st := mustCompiled()
	if err := st.compileSchemas(); err != nil {
		panic(err)
	}
	return st
}

// CompileError reports whether the schemas (built in and extra) fail to
// read or to compile; it compiles them if that has not happened yet.
func CompileError() error {
	st := compileAll()
	if st.err != nil {
		return st.err
	}
	return st.compileSchemas()
}
