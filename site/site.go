// Package site holds the drafting site's static files (HTML, CSS,
// JavaScript components) and builds the hosted site from them with the
// engine compiled to WebAssembly.
package site

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas/render"
)

//go:embed index.html css js components
var files embed.FS

// FS returns the site's source files.
func FS() fs.FS { return files }

// CSP is the Content-Security-Policy of the hosted site: only its own
// files, WebAssembly allowed, no inline script, no eval.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

// Options control Build.
type Options struct {
	Root    string // the module's root directory, where ./wasm is
	Version string // written into the engine with -ldflags
}

// Build writes the hosted site into dir: the source files, the print style
// sheet, app.wasm built from ./wasm and the wasm_exec.js of the same Go
// toolchain.
func Build(dir string, opts Options) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".go") {
			return err
		}
		data, err := fs.ReadFile(files, name)
		if err != nil {
			return err
		}
		if name == "index.html" {
			if data, err = withBoot(data); err != nil {
				return err
			}
		}
		return write(filepath.Join(dir, filepath.FromSlash(name)), data)
	})
	if err != nil {
		return err
	}
	if err := write(filepath.Join(dir, "css", "request.css"), []byte(render.CSS())); err != nil {
		return err
	}
	return buildEngine(dir, opts)
}

func write(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// withBoot puts the messages the page needs before the engine has loaded
// (loading, WebAssembly missing, language names) into index.html as a
// JSON block, which the CSP allows since it is never executed.
func withBoot(index []byte) ([]byte, error) {
	type lang struct {
		Tag  string `json:"tag"`
		Name string `json:"name"`
		Dir  string `json:"dir"`
	}
	boot := struct {
		Languages []lang                       `json:"languages"`
		Texts     map[string]map[string]string `json:"texts"`
	}{Texts: map[string]map[string]string{}}
	for _, tag := range locales.Supported() {
		loc := locales.For(tag)
		boot.Languages = append(boot.Languages, lang{tag.String(), loc.Text("language.self"), locales.Dir(tag)})
		boot.Texts[tag.String()] = loc.Texts("ui.")
	}
	data, err := json.Marshal(boot) // escapes <, > and &: safe inside <script>
	if err != nil {
		return nil, err
	}
	block := []byte(`<script type="application/json" id="evd-boot">` + string(data) + `</script>`)
	if !bytes.Contains(index, []byte("<!--evd-boot-->")) {
		return nil, errors.New("site: index.html lacks <!--evd-boot-->")
	}
	return bytes.Replace(index, []byte("<!--evd-boot-->"), block, 1), nil
}

// buildEngine compiles ./wasm to dir/app.wasm and copies the toolchain's
// wasm_exec.js beside it.
func buildEngine(dir string, opts Options) error {
	version := opts.Version
	if version == "" {
		version = "dev"
	}
	out, err := filepath.Abs(filepath.Join(dir, "app.wasm"))
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w -X main.version="+version, "-o", out, "./wasm")
	cmd.Dir = opts.Root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("site: building the engine: %v\n%s", err, b)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("site: go env GOROOT: %w", err)
	}
	js, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	return write(filepath.Join(dir, "wasm_exec.js"), js)
}

// Handler serves a built site with the right types and security headers.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-cache")
		switch path.Ext(r.URL.Path) {
		case ".wasm":
			h.Set("Content-Type", "application/wasm")
		case ".js":
			h.Set("Content-Type", "text/javascript; charset=utf-8")
		}
		files.ServeHTTP(w, r)
	})
}
