package site

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// node returns the path of node, or skips the test.
func node(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not found to run the bundle")
	}
	return p
}

// runScript runs src as a classic script in node and returns what it printed.
func runScript(t *testing.T, src []byte) string {
	t.Helper()
	cmd := exec.Command(node(t), "-")
	cmd.Stdin = bytes.NewReader(src)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the bundle does not run: %v\n%s\n--- bundle:\n%s", err, out, src)
	}
	return strings.TrimSpace(string(out))
}

// TestBundle: the forms of import and export a regular expression would
// miss (double quotes, several lines, re-exports, defaults, an import in
// the middle of a line, import() of a module also imported statically)
// all bundle into one classic script that runs, in the modules' order.
func TestBundle(t *testing.T) {
	fsys := fstest.MapFS{
		"js/main.js": {Data: []byte(`import {
  twice,
  ONE as one
} from "./lib/math.js"; import * as all from './lib/index.js'
import greet, { Greeter } from './lib/greet.js'
console.log('main', twice(2) + one + all.THREE, greet(), new Greeter().name, all.twice === twice)
import('./late.js').then((m) => m.default()).then((v) => console.log('late', v))
`)},
		"js/lib/math.js":  {Data: []byte("console.log('math')\nexport const ONE = 1\nexport function twice (n) { return 2 * n }\n")},
		"js/lib/index.js": {Data: []byte("export * from './math.js'\nexport { ONE as THREE } from './three.js'\n")},
		"js/lib/three.js": {Data: []byte("export const ONE = 3\n")},
		"js/lib/greet.js": {Data: []byte("export default function () { return 'hi' }\nexport class Greeter { name = 'g' }\n")},
		"js/late.js":      {Data: []byte("import { ONE } from './lib/math.js'\nexport default async () => ONE + 41\n")},
	}
	b, err := Bundle(fsys, "js/main.js", "js/late.js")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 2 {
		t.Fatalf("Bundle(2 entries) gave %d scripts", len(b))
	}
	if !bytes.HasPrefix(b[0], []byte(strict)) {
		t.Errorf("the bundle does not start with %q:\n%s", strict, b[0])
	}
	if got, want := runScript(t, b[0]), "math\nmain 8 hi g true\nlate 42"; got != want {
		t.Errorf("running the bundle of js/main.js printed\n%s\nwant\n%s", got, want)
	}
	// Each entry is a script of its own that leaves no global behind.
	if got, want := runScript(t, append(b[1], "\nconsole.log(typeof ONE, typeof twice)"...)), "math\nundefined undefined"; got != want {
		t.Errorf("running the bundle of js/late.js printed\n%s\nwant\n%s", got, want)
	}
}

// TestBundleErrors: an error names the file and line where it is, so a
// typo in a module fails the build with a message that finds it.
func TestBundleErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want []string
	}{
		{"syntax", fstest.MapFS{
			"js/main.js":    {Data: []byte("import { f } from './lib/bad.js'\nf()\n")},
			"js/lib/bad.js": {Data: []byte("export function f () {\n  return 1 +\n}\n")},
		}, []string{"site: js/lib/bad.js:3:1: "}},
		{"missing", fstest.MapFS{
			"js/main.js": {Data: []byte("// one\nimport { f } from './gone.js'\nf()\n")},
		}, []string{"js/main.js:2:19: ", "no file js/gone.js"}},
		{"missing export", fstest.MapFS{
			"js/main.js": {Data: []byte("import { g } from './a.js'\ng()\n")},
			"js/a.js":    {Data: []byte("export const f = 1\n")},
		}, []string{"js/main.js:1:10: ", `"g"`}},
		{"package", fstest.MapFS{
			"js/main.js": {Data: []byte("import x from 'left-pad'\nx()\n")},
		}, []string{"js/main.js:1:15: ", "not a relative path"}},
		{"outside", fstest.MapFS{
			"js/main.js": {Data: []byte("import x from '../../etc/x.js'\nx()\n")},
		}, []string{"js/main.js:1:15: "}},
	} {
		_, err := Bundle(tc.fsys, "js/main.js")
		if err == nil {
			t.Errorf("Bundle(%s) = nil error, want one", tc.name)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Bundle(%s) = %q, want it to contain %q", tc.name, err, w)
			}
		}
	}
	if _, err := Bundle(fstest.MapFS{}, "js/none.js"); err == nil || !strings.Contains(err.Error(), "js/none.js") {
		t.Errorf("Bundle(missing entry) = %v, want an error naming js/none.js", err)
	}
}

// TestBundleCSS: sheets are joined in the order given, with what they
// @import before them, virtual sheets included; an error names the file
// and line.
func TestBundleCSS(t *testing.T) {
	fsys := fstest.MapFS{
		"css/app.css":          {Data: []byte("@import './base.css';\n.evd-a { color: red }\n")},
		"css/base.css":         {Data: []byte(".evd-base { margin-inline-start: 0 }\n")},
		"components/x/x.css":   {Data: []byte("/* x */\n.evd-x {\n  padding-inline: 1px;\n}\n")},
		"components/x/bad.css": {Data: []byte(".evd-ok { color: red }\n.evd-bad { color: red;\n")},
	}
	got, err := BundleCSS(fsys, []string{"css/app.css", "components/x/x.css", "css/request.css"}, map[string]string{"css/request.css": ".evd-request{color:blue}"})
	if err != nil {
		t.Fatal(err)
	}
	order := []string{".evd-base", ".evd-a", ".evd-x", ".evd-request"}
	last := -1
	for _, sel := range order {
		i := bytes.Index(got, []byte(sel+"{"))
		if i <= last {
			t.Fatalf("BundleCSS = %s, want the rules in the order %v", got, order)
		}
		last = i
	}
	if bytes.Contains(got, []byte("/* x */")) || bytes.Contains(got, []byte("@import")) {
		t.Errorf("BundleCSS = %s, want no comments or @import left", got)
	}
	_, err = BundleCSS(fsys, []string{"css/app.css", "components/x/bad.css"}, nil)
	if err == nil || !strings.Contains(err.Error(), "site: components/x/bad.css:3:1: ") {
		t.Errorf("BundleCSS(unclosed rule) = %v, want an error at site: components/x/bad.css:3:1", err)
	}
	_, err = BundleCSS(fsys, []string{"css/gone.css"}, nil)
	if err == nil || !strings.Contains(err.Error(), "css/gone.css") {
		t.Errorf("BundleCSS(missing sheet) = %v, want an error naming it", err)
	}
}

// TestBundleSite: the site's own scripts and sheets bundle; the scripts
// load no module at run time (the single file cannot) and the custom
// element's file sets its assets before anything runs.
func TestBundleSite(t *testing.T) {
	entries := make([]string, len(scripts))
	for i, s := range scripts {
		entries[i] = s.entry
	}
	b, err := Bundle(FS(), entries...)
	if err != nil {
		t.Fatal(err)
	}
	// Hashed names need the same bundle from the same sources.
	again, err := Bundle(FS(), entries...)
	if err != nil || !slices.EqualFunc(b, again, bytes.Equal) {
		t.Errorf("two bundles of the same sources differ (err %v)", err)
	}
	for i, s := range b {
		if bytes.Contains(s, []byte("import(")) || bytes.Contains(s, []byte("import.meta")) {
			t.Errorf("the bundle of %s still loads a module at run time", entries[i])
		}
	}
	el := withGlobal(b[slices.IndexFunc(scripts, func(s script) bool { return s.name == "evidraft-editor.js" })], "__evidraftAssets", []byte(`{"css":"app.0.css"}`))
	if !bytes.HasPrefix(el, []byte(strict+`globalThis.__evidraftAssets = {"css":"app.0.css"};`+"\n")) {
		t.Errorf("withGlobal = %.200s…, want the assets set after %q", el, strict)
	}
	index, err := fs.ReadFile(FS(), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	css, err := styles(index)
	if err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{".evd-error-summary", ".evd-task-list", ".evd-field", ".evd-skip-link"} {
		if !bytes.Contains(css, []byte(sel)) {
			t.Errorf("the site's sheet lacks %s", sel)
		}
	}
}

// TestJSSyntax: every module and every bundle parse (node --check), so a
// typo fails here rather than as a blank page.
func TestJSSyntax(t *testing.T) {
	t.Parallel()
	node := node(t)
	check := func(name string, src []byte, module bool) {
		args := []string{"--check"}
		if module {
			args = []string{"--input-type=module", "--check"}
		}
		cmd := exec.Command(node, args...)
		cmd.Stdin = bytes.NewReader(src)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: %v\n%s", name, err, out)
		}
	}
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		b, err := fs.ReadFile(FS(), p)
		if err != nil {
			return err
		}
		check(p, b, p != "sw.js")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range scripts {
		b, err := Bundle(FS(), s.entry)
		if err != nil {
			t.Fatal(err)
		}
		check("bundle of "+s.entry, b[0], false)
	}
}

// TestBundlerNotInEngine: esbuild is a build-time library; app.wasm,
// built from ./wasm, must not carry it.
func TestBundlerNotInEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	cmd := exec.Command("go", "list", "-deps", "github.com/evidraft/evidraft/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go list -deps ./wasm: %v", err)
	}
	pkgs := strings.Fields(string(out))
	if !slices.Contains(pkgs, "github.com/evidraft/evidraft/schemas") {
		t.Fatalf("go list -deps ./wasm = %v, which lacks even ./schemas", pkgs)
	}
	for _, pkg := range pkgs {
		if strings.HasPrefix(pkg, "github.com/evanw/esbuild") || pkg == "github.com/evidraft/evidraft/site" {
			t.Errorf("./wasm depends on %s", pkg)
		}
	}
}
