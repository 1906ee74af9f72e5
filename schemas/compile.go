package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Kind is one request kind with its compiled schema.
type Kind struct {
	ID          string // stable id, for example "preservation"
	Title       string // English title; translations key on it
	Description string // English description
	Articles    string // the articles it rests on, for example "UN 42; BC 29"

	schema *jsonschema.Schema
	fields sync.Map // pattern path -> []step
}

type compiled struct {
	kinds  map[string]*Kind
	order  map[string][]string // schema location of a "properties" owner -> keys in file order
	labels map[string]map[string]string
	err    error
}

var (
	compileOnce sync.Once
	state       *compiled
)

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
		state = &compiled{kinds: map[string]*Kind{}, order: map[string][]string{}, labels: map[string]map[string]string{}}
		state.err = state.compile()
	})
	return state
}

func (st *compiled) compile() error {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	c.UseLoader(loader{})
	for _, f := range append(customFormats(), idnFormats()...) {
		c.RegisterFormat(f)
	}
	names, err := schemaFiles()
	if err != nil {
		return err
	}
	for _, name := range names {
		data, _ := readFile(name)
		if err := st.readAnnotations(BaseURL+name, data); err != nil {
			return err
		}
	}
	for _, id := range kindIDs {
		sch, err := c.Compile(BaseURL + kindFile(id))
		if err != nil {
			return fmt.Errorf("schemas: compile %s: %w", id, err)
		}
		var raw struct {
			Title       string `json:"title"`
			Description string `json:"description"`
			Articles    string `json:"x-articles"`
		}
		data, _ := readFile(kindFile(id))
		if err := json.Unmarshal(data, &raw); err != nil {
			return fmt.Errorf("schemas: %s: %w", id, err)
		}
		st.kinds[id] = &Kind{ID: id, Title: raw.Title, Description: raw.Description, Articles: raw.Articles, schema: sch}
	}
	return nil
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
// It panics if the embedded schemas do not compile, which tests rule out.
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

// CompileError reports whether the embedded schemas failed to compile.
func CompileError() error { return compileAll().err }
