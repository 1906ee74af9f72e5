// Package site holds the drafting site's static files (HTML, CSS,
// JavaScript components) and builds the hosted site from them with the
// engine compiled to WebAssembly.
package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/schemas/render"
)

//go:embed index.html sw.js css js components
var files embed.FS

// FS returns the site's source files.
func FS() fs.FS { return files }

// MetaCSP is the Content-Security-Policy of the hosted site that its
// index.html carries in a <meta http-equiv>, so that it holds behind a
// server that adds no header: only its own files, WebAssembly allowed, no
// inline script, no eval. It is CSP without frame-ancestors, which only a
// header can carry.
const MetaCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'"

// CSP is the Content-Security-Policy header of the hosted site: MetaCSP
// and frame-ancestors. Build adds the origins allowed to embed it to
// frame-ancestors (see CSPFor).
const CSP = MetaCSP + "; frame-ancestors 'self'"

// securityHeaders are the headers, besides the CSP and the .wasm content type, a
// server of the hosted site must send with every file.
var securityHeaders = [][2]string{
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
}

// CSPFor returns the site's CSP with the given origins also allowed to
// frame it.
func CSPFor(embedders []string) string {
	if len(embedders) == 0 {
		return CSP
	}
	return CSP + " " + strings.Join(embedders, " ")
}

// Options control Build.
type Options struct {
	Root    string // the module's root directory, where ./wasm is
	Version string // written into the engine with -ldflags
	// AllowedOrigins may drive the site through postMessage when it is
	// embedded in an iframe (exact origins, such as https://portal.example).
	AllowedOrigins []string
	// Extra is a folder of the portal's own request kinds: <id>.schema.json,
	// <id>.example.json and locales/<tag>/*.gotext.json (see LoadExtra).
	Extra string
}

// ReadExtra reads an extra folder into the map schemas.LoadExtra takes,
// checking that it loads.
func ReadExtra(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	if dir == "" {
		return files, nil
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	return files, err
}

// Build writes the two outputs of a build into out:
//
//   - out/site/: the hosted site, with content-hashed names for the style
//     sheet, the script bundle, wasm_exec.js and app.wasm (with .gz and
//     .br beside it), index.html, a versioned service worker sw.js that
//     precaches all of them, and the CSP as _headers and csp.txt;
//   - out/evidraft.html: the same site in one self-contained file (styles,
//     scripts and the engine inline, a <meta> CSP with hashes), which
//     works from file:// on a laptop with no network.
func Build(out string, opts Options) error {
	wasm, err := compileEngine(opts)
	if err != nil {
		return err
	}
	wasmExec, err := wasmExecJS()
	if err != nil {
		return err
	}
	entries := make([]string, len(scripts))
	for i, s := range scripts {
		entries[i] = s.entry
	}
	bundles, err := Bundle(files, entries...)
	if err != nil {
		return err
	}
	js := map[string][]byte{}
	for i, s := range scripts {
		js[s.name] = bundles[i]
	}
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		return err
	}
	css, err := styles(index)
	if err != nil {
		return err
	}
	extra, err := ReadExtra(opts.Extra)
	if err != nil {
		return err
	}
	if _, err := schemas.LoadExtra(extra); err != nil {
		return fmt.Errorf("site: --extra %s: %w", opts.Extra, err)
	}
	extraText := map[string]string{}
	for k, v := range extra {
		extraText[k] = string(v)
	}
	// Once for both outputs: the hosted app.wasm.gz and the single file's
	// embedded engine are the same bytes.
	wasmGz, err := gzipped(wasm)
	if err != nil {
		return err
	}
	a := assets{
		css:      css,
		js:       js,
		wasmExec: wasmExec,
		wasm:     wasm,
		wasmGz:   wasmGz,
		allowed:  opts.AllowedOrigins,
		extra:    extraText,
	}
	if err := buildSite(filepath.Join(out, "site"), index, a); err != nil {
		return err
	}
	return buildSingle(filepath.Join(out, "evidraft.html"), index, a)
}

// script is one classic script of the build, bundled from an entry
// module of FS().
type script struct {
	entry string // the entry module
	name  string // the bundle's name in assets.js (and, hashed or not, in the hosted site)
}

// scripts are the build's scripts: the page's, and the custom element's,
// which portals include by its stable name. Another entry (a worker's)
// is one more line here, used by name in buildSite and buildSingle.
var scripts = []script{
	{"js/main.js", "app.js"},
	{"js/element.js", "evidraft-editor.js"},
	{"js/worker.js", "worker.js"}, // after wasm_exec.js, in the engine's Worker
}

type assets struct {
	css, wasmExec, wasm []byte
	wasmGz              []byte            // wasm gzipped, for app.wasm.gz and the single file
	js                  map[string][]byte // the bundles of scripts, by name
	allowed             []string
	extra               map[string]string
}

// headStart opens index.html's head.
const headStart = "<head>\n<meta charset=\"utf-8\">\n"

var (
	styleLink  = regexp.MustCompile(`(?m)^<link rel="stylesheet" href="([^"]+)">\n`)
	execScript = regexp.MustCompile(`<script src="wasm_exec.js"></script>\n`)
	mainScript = regexp.MustCompile(`<script type="module" src="js/main.js"></script>\n`)
)

// styles joins the style sheets index.html links, in order, into one;
// the printed request's sheet comes from schemas/render.
func styles(index []byte) ([]byte, error) {
	var sheets []string
	for _, m := range styleLink.FindAllSubmatch(index, -1) {
		sheets = append(sheets, string(m[1]))
	}
	return BundleCSS(files, sheets, map[string]string{"css/request.css": render.CSS()})
}

// hashed names a file by its content: name.0123456789.ext.
func hashed(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

func buildSite(dir string, index []byte, a assets) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	cssName, jsName, execName, wasmName := hashed("app.css", a.css), hashed("app.js", a.js["app.js"]), hashed("wasm_exec.js", a.wasmExec), hashed("app.wasm", a.wasm)
	names := map[string][]byte{cssName: a.css, jsName: a.js["app.js"], execName: a.wasmExec, wasmName: a.wasm}
	// The engine's worker: wasm_exec.js and worker.js in one script.
	workerJS := slices.Concat(a.wasmExec, []byte("\n"), a.js["worker.js"])
	workerName := hashed("worker.js", workerJS)
	names[workerName] = workerJS
	page := styleLink.ReplaceAll(index, nil)
	// The policy comes before anything it governs.
	if !bytes.Contains(page, []byte(headStart)) {
		return errors.New("site: index.html's head does not start with <meta charset>")
	}
	page = bytes.Replace(page, []byte(headStart), []byte(headStart+`<meta http-equiv="Content-Security-Policy" content="`+MetaCSP+`">`+"\n"), 1)
	// The preload starts the engine's download as the head is read, not
	// once main.js has run: engine.js's fetch of the same address takes
	// the preloaded response (as=fetch with crossorigin is fetch()'s own
	// mode).
	page = bytes.Replace(page, []byte("<!--evd-boot-->"), []byte(`<link rel="stylesheet" href="`+cssName+`">`+"\n"+
		`<link rel="preload" href="`+wasmName+`" as="fetch" type="application/wasm" crossorigin>`+"\n<!--evd-boot-->"), 1)
	page = execScript.ReplaceAll(page, []byte(`<script defer src="`+execName+`"></script>`+"\n"))
	page = mainScript.ReplaceAll(page, []byte(`<script defer src="`+jsName+`"></script>`+"\n"))
	page, err := withBoot(page, wasmName, workerName, a)
	if err != nil {
		return err
	}
	names["index.html"] = page
	// The custom element keeps a stable name for portals to include; it
	// knows the hashed names of the files it loads.
	am, _ := json.Marshal(map[string]string{"css": cssName, "wasm": wasmName, "exec": execName, "worker": workerName})
	names["evidraft-editor.js"] = withGlobal(a.js["evidraft-editor.js"], "__evidraftAssets", am)
	var list []string
	for name := range names {
		list = append(list, name)
	}
	slices.Sort(list)
	// The version changes with any file: hashed names carry their
	// content's hash already, the others are hashed here.
	sum := sha256.New()
	for _, name := range list {
		sum.Write([]byte(name))
		if !hashedName.MatchString(name) {
			sum.Write(names[name])
		}
	}
	version := hex.EncodeToString(sum.Sum(nil)[:6])
	precache := append([]string{"./"}, list...)
	fl, _ := json.Marshal(precache)
	sw, err := fs.ReadFile(files, "sw.js")
	if err != nil {
		return err
	}
	sw = bytes.Replace(sw, []byte("'__VERSION__'"), []byte("'"+version+"'"), 1)
	sw = bytes.Replace(sw, []byte("__FILES__"), fl, 1)
	names["sw.js"] = sw
	csp := CSPFor(a.allowed)
	names["csp.txt"] = []byte(csp + "\n")
	headers := "/*\n  Content-Security-Policy: " + csp + "\n"
	for _, h := range securityHeaders {
		headers += "  " + h[0] + ": " + h[1] + "\n"
	}
	names["_headers"] = []byte(headers + "/*.wasm\n  Content-Type: application/wasm\n")
	for name, data := range names {
		if err := write(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	return precompress(filepath.Join(dir, wasmName), a.wasm, a.wasmGz)
}

// precompress writes name.gz (gz, data gzipped) and name.br, which
// Handler (and any server that knows them) sends to browsers that accept
// them.
func precompress(name string, data, gz []byte) error {
	if err := os.WriteFile(name+".gz", gz, 0o644); err != nil {
		return err
	}
	br, err := brotliCached(data)
	if err != nil {
		return err
	}
	return os.WriteFile(name+".br", br, 0o644)
}

// brotliCached compresses data with brotli at its best (and slowest:
// minutes for app.wasm with the pure-Go encoder on two cores) and keeps
// the result in the user's cache directory under the SHA-256 of data, as
// Go keeps its builds: an engine that did not change is not compressed
// again, by `evidraft build` or by the tests. A cache that cannot be read
// or written costs time, never correctness: the result is checked by
// decompressing it before it is used.
func brotliCached(data []byte) ([]byte, error) {
	sum := sha256.Sum256(data)
	var file string
	if dir, err := os.UserCacheDir(); err == nil {
		file = filepath.Join(dir, "evidraft", "brotli", hex.EncodeToString(sum[:])+".br")
		if b, err := os.ReadFile(file); err == nil {
			if plain, err := io.ReadAll(brotli.NewReader(bytes.NewReader(b))); err == nil && bytes.Equal(plain, data) {
				return b, nil
			}
		}
	}
	var br bytes.Buffer
	bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
	bw.Write(data)
	if err := bw.Close(); err != nil {
		return nil, err
	}
	if file != "" && os.MkdirAll(filepath.Dir(file), 0o755) == nil {
		tmp := file + ".tmp" + strconv.Itoa(os.Getpid())
		if os.WriteFile(tmp, br.Bytes(), 0o644) == nil {
			os.Rename(tmp, file)
		}
	}
	return br.Bytes(), nil
}

func gzipped(data []byte) ([]byte, error) {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(data)
	err := zw.Close()
	return gz.Bytes(), err
}

// buildSingle writes the whole site as one HTML file. Its CSP allows only
// the page's own inline blocks, by hash, and WebAssembly; no network.
// app.wasm is embedded gzipped, in base64, at the end of the body: a
// quarter of its raw size in base64 (4 MB, not 16), which the browser
// parses in a fraction of the time and inflates natively while it
// compiles, and after the page's text, which is drawn first.
func buildSingle(file string, index []byte, a assets) error {
	page := styleLink.ReplaceAll(index, nil)
	page = execScript.ReplaceAll(page, nil)
	page = mainScript.ReplaceAll(page, nil)
	execJS := string(a.wasmExec)
	appJS := string(a.js["app.js"])
	css := string(a.css)
	workerJS := string(a.js["worker.js"])
	if strings.Contains(execJS+appJS+workerJS, "</script") || strings.Contains(css, "</style") {
		return errors.New("site: a script or style contains its own end tag")
	}
	csp := "default-src 'none'; script-src " + sha("sha256", execJS) + " " + sha("sha256", appJS) + " 'wasm-unsafe-eval'; worker-src blob:; style-src " + sha("sha256", css) + "; img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'"
	head := `<meta http-equiv="Content-Security-Policy" content="` + csp + `">` + "\n<style>" + css + "</style>\n<!--evd-boot-->"
	page = bytes.Replace(page, []byte("<!--evd-boot-->"), []byte(head), 1)
	page = bytes.Replace(page, []byte("</body>"), []byte(`<script type="application/octet-stream" id="evd-wasm" data-encoding="gzip">`+
		base64.StdEncoding.EncodeToString(a.wasmGz)+"</script>\n<script id=\"evd-exec\">"+execJS+"</script>\n"+
		// The engine's worker runs from a blob: URL of evd-exec's text and
		// this one (which, not being JavaScript to the page, never runs here).
		`<script type="text/plain" id="evd-worker">`+workerJS+"</script>\n<script>"+appJS+"</script>\n</body>"), 1)
	page, err := withBoot(page, "", "", a)
	if err != nil {
		return err
	}
	return write(file, page)
}

// withGlobal returns a script of Bundle that first sets globalThis[name]
// to the JSON value, after its "use strict".
func withGlobal(script []byte, name string, value []byte) []byte {
	body := bytes.TrimPrefix(script, []byte(strict))
	return slices.Concat([]byte(strict+"globalThis."+name+" = "), value, []byte(";\n"), body)
}

func sha(alg, s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'" + alg + "-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
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
func withBoot(index []byte, wasm, worker string, a assets) ([]byte, error) {
	type lang struct {
		Tag  string `json:"tag"`
		Name string `json:"name"`
		Dir  string `json:"dir"`
	}
	boot := struct {
		Languages []lang                       `json:"languages"`
		Texts     map[string]map[string]string `json:"texts"`
		Wasm      string                       `json:"wasm,omitempty"`
		Worker    string                       `json:"worker,omitempty"`
		Allowed   []string                     `json:"allowedOrigins,omitempty"`
		Extra     map[string]string            `json:"extra,omitempty"`
	}{Texts: map[string]map[string]string{}, Wasm: wasm, Worker: worker, Allowed: a.allowed, Extra: a.extra}
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

// wasmExecJS returns the wasm_exec.js of the Go toolchain that builds the
// engine: the two must match.
func wasmExecJS() ([]byte, error) {
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("site: go env GOROOT: %w", err)
	}
	return os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
}

// compileEngine builds ./wasm for the browser and returns app.wasm.
func compileEngine(opts Options) ([]byte, error) {
	version := opts.Version
	if version == "" {
		version = "dev"
	}
	b, err := buildWasm(opts.Root, "./wasm", "-X main.version="+version)
	if err != nil {
		return nil, fmt.Errorf("site: building the engine: %w", err)
	}
	return b, nil
}

// buildWasm builds the package pkg of the module in dir for the browser
// (GOOS=js, -trimpath, no symbol table or DWARF), with ldflags added, and
// returns the wasm. The engine and the harness's hello-world reference
// are built by it alike.
func buildWasm(dir, pkg, ldflags string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "evidraft-wasm-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "out.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w "+ldflags, "-o", out, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%v\n%s", err, b)
	}
	return os.ReadFile(out)
}

var hashedName = regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js|wasm)$`)

// Handler serves a built site with the right types and security headers;
// the CSP is the build's csp.txt.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	csp := CSP
	if b, err := os.ReadFile(filepath.Join(dir, "csp.txt")); err == nil {
		csp = strings.TrimSpace(string(b))
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		for _, kv := range securityHeaders {
			h.Set(kv[0], kv[1])
		}
		h.Set("Cache-Control", "no-cache")
		if hashedName.MatchString(r.URL.Path) {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		switch path.Ext(r.URL.Path) {
		case ".wasm":
			h.Set("Content-Type", "application/wasm")
			h.Add("Vary", "Accept-Encoding")
			for _, enc := range []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
				if !strings.Contains(r.Header.Get("Accept-Encoding"), enc.name) {
					continue
				}
				if f, err := os.Open(filepath.Join(dir, filepath.FromSlash(path.Clean(r.URL.Path))+enc.ext)); err == nil {
					defer f.Close()
					h.Set("Content-Encoding", enc.name)
					http.ServeContent(w, r, r.URL.Path, time.Time{}, f)
					return
				}
			}
		case ".js":
			h.Set("Content-Type", "text/javascript; charset=utf-8")
		}
		files.ServeHTTP(w, r)
	})
}
