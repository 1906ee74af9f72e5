package locales

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// errorCodes finds every *Error the module's code makes: each composite
// literal locales.Error{...} (Error{...} in this package) in a non-test
// Go file, engine files included (parsing ignores build tags). It returns
// each code with the places it is made, and the places whose Code is not
// a string literal, which no test could check.
func errorCodes(t *testing.T, root string) (codes map[string][]string, dynamic []string) {
	t.Helper()
	codes = map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		inLocales := f.Name.Name == "locales"
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || !isErrorType(lit.Type, inLocales) {
				return true
			}
			where := fset.Position(lit.Pos()).String()
			found := false
			for _, el := range lit.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				if k, ok := kv.Key.(*ast.Ident); !ok || k.Name != "Code" {
					continue
				}
				found = true
				code := ""
				if s, ok := kv.Value.(*ast.BasicLit); ok && s.Kind == token.STRING {
					code, _ = strconv.Unquote(s.Value)
				}
				if code == "" {
					dynamic = append(dynamic, where)
					continue
				}
				codes[code] = append(codes[code], where)
			}
			if !found {
				dynamic = append(dynamic, where+" (no Code)")
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return codes, dynamic
}

func isErrorType(e ast.Expr, inLocales bool) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return inLocales && x.Name == "Error"
	case *ast.SelectorExpr:
		pkg, ok := x.X.(*ast.Ident)
		return ok && pkg.Name == "locales" && x.Sel.Name == "Error"
	}
	return false
}

// TestErrorCodes: every code an *Error is made with anywhere in the
// module (schemas, export, the draft store, the engine, the CLI) is a
// message of all six languages, so that no user is shown a bare code.
func TestErrorCodes(t *testing.T) {
	root := filepath.Join("..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	codes, dynamic := errorCodes(t, root)
	for _, where := range dynamic {
		t.Errorf("%s: an Error's Code is not a string literal", where)
	}
	// The walk must see every producer: a few codes of each.
	for _, want := range []string{"error.json.tooLarge", "export.tooLarge", "export.unreadable", "store.quota", "store.locked", "api.badArgument", "api.internal", "cli.unreadable"} {
		if codes[want] == nil {
			t.Errorf("no Error with code %q found: the walk missed a package", want)
		}
	}
	langs := Supported()
	if len(langs) != 6 {
		t.Errorf("Supported() = %v, want six languages", langs)
	}
	ids := make([]string, 0, len(codes))
	for id := range codes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, tag := range langs {
		msgs := messagesOf(t, tag.String())
		for _, id := range ids {
			if m, ok := msgs[id]; !ok || (m.Translation.Text == "" && m.Translation.Select == nil) {
				t.Errorf("%s: no message for the error code %q (made at %s)", tag, id, codes[id][0])
			}
		}
	}
	if testing.Verbose() {
		t.Logf("%d error codes: %s", len(ids), strings.Join(ids, " "))
	}
}

// TestErrorMessage: Localizer.Error gives a coded error's message in the
// language, wrapped or not; any other error is an internal error naming
// its text; errors.Is compares codes.
func TestErrorMessage(t *testing.T) {
	e := &Error{Code: "error.json.tooLarge", Params: map[string]any{"Limit": 16 << 20}}
	wrapped := fmt.Errorf("reading: %w", e)
	en, fr := For(language.English), For(language.French)
	if got, want := en.Error(wrapped), en.Message("error.json.tooLarge", e.Params); got != want || got == "" {
		t.Errorf("English Error(wrapped) = %q, want %q", got, want)
	}
	if got := fr.Error(e); got == en.Error(e) || got != fr.Message("error.json.tooLarge", e.Params) {
		t.Errorf("French Error = %q, want the French message", got)
	}
	plain := errors.New("disk on fire")
	if got := fr.Error(plain); got != fr.Message("api.internal", map[string]any{"Detail": "disk on fire"}) {
		t.Errorf("French Error(plain) = %q, want api.internal with the detail", got)
	}
	if Code(wrapped) != "error.json.tooLarge" || Code(plain) != "" {
		t.Errorf("Code = %q, %q", Code(wrapped), Code(plain))
	}
	sentinel := &Error{Code: "store.stale"}
	if !errors.Is(&Error{Code: "store.stale", ID: "d1", Err: plain}, sentinel) || errors.Is(e, sentinel) {
		t.Error("errors.Is does not compare codes")
	}
	if s := (&Error{Code: "store.stale", ID: "d1", Err: plain}).Error(); !strings.Contains(s, "store.stale d1: ") || !strings.HasSuffix(s, ": disk on fire") {
		t.Errorf("Error() = %q, want code, draft, English message and cause", s)
	}
}
