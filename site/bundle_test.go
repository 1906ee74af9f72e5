package site

import (
	"io/fs"
	"os/exec"
	"strings"
	"testing"
	"testing/fstest"
)

func TestBundle(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"js/main.js":     {Data: []byte("import { twice } from './lib/math.js'\nimport * as all from './lib/math.js'\nexport const out = twice(2) + all.ONE\nimport('./late.js').then((m) => m.hello())\n")},
		"js/lib/math.js": {Data: []byte("export const ONE = 1\nexport function twice (n) { return 2 * n }\n")},
		"js/late.js":     {Data: []byte("import { ONE } from './lib/math.js'\nexport async function hello () { return ONE }\n")},
	}
	b, err := Bundle(fsys, "js/main.js")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b, "import ") || strings.Contains(b, "export ") {
		t.Errorf("bundle keeps module syntax:\n%s", b)
	}
	if i, j := strings.Index(b, `__modules["js/lib/math.js"] =`), strings.Index(b, `__modules["js/main.js"] =`); i < 0 || j < i {
		t.Errorf("dependencies must come first:\n%s", b)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found to run the bundle")
	}
	cmd := exec.Command(node, "-e", b+"\n;console.log('ok')")
	if out, err := cmd.CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Errorf("the bundle does not run: %v\n%s", err, out)
	}
	cyclic := fstest.MapFS{"a.js": {Data: []byte("import { b } from './b.js'\nexport const a = 1\n")}, "b.js": {Data: []byte("import { a } from './a.js'\nexport const b = 1\n")}}
	if _, err := Bundle(cyclic, "a.js"); err == nil {
		t.Error("a cycle was not reported")
	}
}

func TestBundleSite(t *testing.T) {
	t.Parallel()
	b, err := Bundle(FS(), "js/main.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"js/dom.js", "js/app.js", "components/field/field.js", "js/main.js"} {
		if !strings.Contains(b, `__modules["`+m+`"] =`) {
			t.Errorf("bundle lacks %s", m)
		}
	}
}

// TestJSSyntax: every module and both bundles parse (node --check), so a
// typo fails here rather than as a blank page.
func TestJSSyntax(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found")
	}
	check := func(name, src string, module bool) {
		args := []string{"--check"}
		if module {
			args = []string{"--input-type=module", "--check"}
		}
		cmd := exec.Command(node, args...)
		cmd.Stdin = strings.NewReader(src)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", name, err, out)
		}
	}
	err = fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		b, err := fs.ReadFile(FS(), p)
		if err != nil {
			return err
		}
		check(p, string(b), p != "sw.js")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range []string{"js/main.js", "js/element.js"} {
		b, err := Bundle(FS(), entry)
		if err != nil {
			t.Fatal(err)
		}
		check("bundle of "+entry, b, false)
	}
}
