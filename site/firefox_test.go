package site

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/evidraft/evidraft/site/chrometest"
)

// firefoxExe returns Debian's Firefox ESR (or a Firefox on PATH), or skips
// outside CI; in CI (where .ci/run installs firefox-esr) it fails.
func firefoxExe(t *testing.T) string {
	t.Helper()
	return chrometest.Find(t, "Firefox", "firefox-esr", "firefox-esr", "firefox")
}

// nodeExe returns node, or skips outside CI.
func nodeExe(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is needed to drive Firefox with puppeteer-core; .ci/run installs nodejs")
		}
		t.Skip("node not found: the Firefox tests drive Firefox with puppeteer-core from npm")
	}
	return p
}

// ffStep is one step of site/testdata/firefox/firefox.mjs: ok, or the
// error, and what it saw.
type ffStep struct {
	Name  string `json:"name"`
	OK    bool   `json:"ok"`
	MS    int    `json:"ms"`
	Error string `json:"error"`

	LastingHome  bool   `json:"lastingHome"`
	LastingNew   bool   `json:"lastingNew"`
	LastingAfter bool   `json:"lastingAfter"`
	Where        bool   `json:"where"`
	Controlled   bool   `json:"controlled"`
	Persisted    bool   `json:"persisted"`
	Before       int    `json:"before"`
	Value        string `json:"value"`
	Banner       string `json:"banner"`
	Files        []string
	Axe          []struct {
		Where      string      `json:"where"`
		Violations []violation `json:"violations"`
	} `json:"axe"`
	Layout struct {
		Dir, Lang, Direction, Heading string
		Main, H1Text, NewButton       struct{ Left, Right float64 }
		Switcher                      struct{ Left, Right float64 }
		Width                         float64
	} `json:"layout"`
	Origin string `json:"origin"`
	EmptyA bool   `json:"emptyA"`
	A      struct {
		Where, Path string
		Empty       bool
	} `json:"a"`
	B struct {
		Where, Path, Empty string
		Listed             bool
	} `json:"b"`
}

// marks are the start marks of one page load, ms from navigation.
type marks map[string]float64

func (m marks) String() string {
	return fmt.Sprintf("%.0f / %.0f / %.0f / %.0f / %.0f / %.0f ms", m["first-contentful-paint"], m["fetch"], m["compiled"], m["main"], m["ready"], m["interactive"])
}

// TestFirefox drives Debian's Firefox ESR over WebDriver BiDi
// (puppeteer-core from npm, test-only) through the site as a person does,
// with security.fileuri.strict_origin_policy true as in a real profile:
// the hosted flow (create, type, reload, find), the export file names
// (date, local time, encrypted or not) and the banner that names them,
// axe-core on the home and a section page in English and Arabic, Arabic
// laid out right to left, evidraft.html from two paths (drafts kept per
// path, the notice names it, Import offered on the empty one), import
// into a private window of a fresh profile (warned that drafts will not
// last), and a reload served by the service worker once the server is
// stopped. With -perf it then measures Chromium's start on the same
// build, so that both browsers' cold starts come from one run.
func TestFirefox(t *testing.T) {
	t.Parallel()
	firefox := firefoxExe(t)
	node := nodeExe(t)
	modules := npmInstall(t, "puppeteer", "puppeteer-core/package.json", "puppeteer-core@24")
	axeDir := npmInstall(t, "axe", "axe-core/axe.min.js", "axe-core@4")
	server(t) // builds the site once for the package
	site := httptest.NewServer(Handler(filepath.Join(builtDir, "site")))
	t.Cleanup(site.Close)
	// The script stops the site's server to reload offline.
	control := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/stop" {
			site.CloseClientConnections()
			site.Close()
		}
		w.Write([]byte("ok"))
	}))
	t.Cleanup(control.Close)

	// One single file, opened from a USB stick and from a second download.
	root := t.TempDir()
	single, err := os.ReadFile(filepath.Join(builtDir, "evidraft.html"))
	if err != nil {
		t.Fatal(err)
	}
	fileA := filepath.Join(root, "media", "usb", "evidraft.html")
	fileB := filepath.Join(root, "Downloads", "evidraft (1).html")
	downloads := filepath.Join(root, "downloads")
	for _, f := range []string{fileA, fileB} {
		os.MkdirAll(filepath.Dir(f), 0o755)
		if err := os.WriteFile(f, single, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(downloads, 0o755)
	shots := ""
	if *screenshots {
		shots, _ = filepath.Abs(filepath.Join("testdata", "screenshots"))
	}
	cfg, _ := json.Marshal(map[string]string{
		"modules": modules, "firefox": firefox, "url": site.URL, "control": control.URL,
		"fileA": fileA, "fileB": fileB, "downloads": downloads,
		"axe": filepath.Join(axeDir, "node_modules", "axe-core", "axe.min.js"), "shots": shots,
		"clock": "2026-12-01T15:30",
	})
	cfgFile := filepath.Join(root, "config.json")
	os.WriteFile(cfgFile, cfg, 0o644)

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("testdata", "firefox", "firefox.mjs"), cfgFile)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("node firefox.mjs: %v\n%s\n%s", err, stdout, stderr.String())
	}
	var res struct {
		Firefox  string           `json:"firefox"`
		LaunchMS int              `json:"launchMs"`
		Timings  map[string]marks `json:"timings"`
		Steps    []ffStep         `json:"steps"`
	}
	if err := json.Unmarshal(stdout, &res); err != nil {
		t.Fatalf("firefox.mjs output: %v\n%s\n%s", err, stdout, stderr.String())
	}
	steps := map[string]ffStep{}
	for _, s := range res.Steps {
		steps[s.Name] = s
		if !s.OK {
			t.Errorf("Firefox, %s: %s", s.Name, s.Error)
		}
	}
	want := func(name string) (ffStep, bool) {
		t.Helper()
		s, ok := steps[name]
		if !ok {
			t.Errorf("Firefox: step %q did not run", name)
		}
		return s, ok && s.OK
	}

	if s, ok := want("hosted cold start"); ok && (!s.LastingHome || !s.LastingNew || s.Where) {
		t.Errorf("hosted, before the first draft: lasting warning on home %v, on the new page %v (want both); file notice %v (want none)", s.LastingHome, s.LastingNew, s.Where)
	}
	if s, ok := want("hosted: create, type, reload, find"); ok && s.LastingAfter {
		t.Error("hosted: the lasting warning is still shown once the browser keeps the storage")
	}
	if s, ok := want("hosted cached start"); ok && !s.Controlled {
		t.Error("hosted: no service worker controls the page after a reload")
	}
	if s, ok := want("export, plain and encrypted"); ok {
		w := []string{"evidraft-2026-12-01-1530-encrypted.evidraft.json", "evidraft-2026-12-01-1530.evidraft.json"}
		if strings.Join(s.Files, " ") != strings.Join(w, " ") {
			t.Errorf("export files %v, want %v", s.Files, w)
		}
	}
	if s, ok := want("axe and right to left"); ok {
		if len(s.Axe) != 4 {
			t.Errorf("axe ran on %d pages, want 4", len(s.Axe))
		}
		for _, a := range s.Axe {
			for _, v := range a.Violations {
				t.Errorf("Firefox, %s: axe %s (%s): %s at %v", a.Where, v.ID, v.Impact, v.Help, v.Nodes)
			}
		}
		l := s.Layout
		if l.Dir != "rtl" || l.Lang != "ar" || l.Direction != "rtl" || l.Heading != "طلباتك" {
			t.Errorf("Arabic home: dir %q lang %q direction %q heading %q, want rtl, ar, rtl, طلباتك", l.Dir, l.Lang, l.Direction, l.Heading)
		}
		// Right to left: the heading and the first button start at the
		// right edge of the page, the language menu sits at the left.
		if d := l.Main.Right - l.H1Text.Right; d < -2 || d > 2 || l.H1Text.Left < l.Main.Left+100 {
			t.Errorf("Arabic heading spans %v..%v, want it against the right edge %v", l.H1Text.Left, l.H1Text.Right, l.Main.Right)
		}
		if d := l.Main.Right - l.NewButton.Right; d < -2 || d > 2 {
			t.Errorf("Arabic 'new request' button ends at %v, want the right edge %v", l.NewButton.Right, l.Main.Right)
		}
		if l.Switcher.Right > l.Width/2 {
			t.Errorf("Arabic language menu at %v..%v, want it on the left half of %v", l.Switcher.Left, l.Switcher.Right, l.Width)
		}
	}
	if s, ok := want("file:// from two paths"); ok {
		if s.Origin != "null" || !s.EmptyA {
			t.Errorf("file:// first visit: origin %q, empty offer %v; want null (an origin per file), true", s.Origin, s.EmptyA)
		}
		for _, c := range []struct{ where, path, want string }{{s.A.Where, s.A.Path, fileA}, {s.B.Where, s.B.Path, fileB}} {
			if c.path != c.want || !strings.Contains(c.where, "Drafts are kept for this file, at "+c.want+", in this browser.") || !strings.Contains(c.where, "Open this same file every time") || !strings.Contains(c.where, "Export your drafts before you move") {
				t.Errorf("file:// notice %q (path %q), want the path %q, the same file every time, export before moving", c.where, c.path, c.want)
			}
		}
		if s.A.Empty {
			t.Error("file:// with a draft still offers the empty page's Import")
		}
		if s.B.Listed || !strings.Contains(s.B.Empty, "You have no drafts yet.") || !strings.Contains(s.B.Empty, "import an export file here") || !strings.Contains(s.B.Empty, "Import drafts") {
			t.Errorf("file:// at the second path: listed the first path's draft %v; empty offer %q", s.B.Listed, s.B.Empty)
		}
	}
	if s, ok := want("private window: warning, import"); ok && (s.Persisted || !s.LastingHome || !s.LastingNew || s.Before != 0) {
		t.Errorf("private window: persisted %v, warning on home %v and before the first draft %v, drafts before import %d; want false, true, true, 0", s.Persisted, s.LastingHome, s.LastingNew, s.Before)
	}
	if s, ok := want("offline reload"); ok && s.Value != "FF-HOSTED-1" {
		t.Errorf("offline: the draft's reference reads %q, want FF-HOSTED-1", s.Value)
	}

	// With -perf, Chromium on the same build, the same way: fresh
	// profile, hosted empty cache, reload once the service worker has
	// precached, then the single file.
	chrome := map[string]marks{}
	if exe, err := exec.LookPath("chromium"); err == nil && *perf {
		srv := httptest.NewServer(Handler(filepath.Join(builtDir, "site")))
		defer srv.Close()
		c := browser(t, exe)
		const read = `new Promise((r) => { const f = () => { if (!performance.getEntriesByName('evidraft:interactive').length) return setTimeout(f, 20)
		  const m = {}; for (const e of performance.getEntriesByType('paint')) m[e.name] = e.startTime
		  for (const e of performance.getEntriesByType('mark')) if (e.name.startsWith('evidraft:')) m[e.name.slice(9)] = e.startTime
		  r(m) }; f() })`
		for _, l := range []struct {
			name string
			act  chromedp.Action
		}{
			{"hostedEmpty", chromedp.Navigate(srv.URL + "/")},
			{"hostedCached", chromedp.Reload()},
			{"file", chromedp.Navigate("file://" + fileA)},
		} {
			if l.name == "hostedCached" {
				eval(t, c, swControls, nil)
			}
			run(t, c, l.act)
			m := marks{}
			eval(t, c, read, &m)
			chrome[l.name] = m
		}
	}
	t.Logf("cold start, first paint / wasm fetch begins / compiled / Go main / ready / interactive (%s, started in %d ms; Chromium on the same build)", res.Firefox, res.LaunchMS)
	for _, k := range []string{"hostedEmpty", "hostedCached", "file", "offline"} {
		c := "not measured"
		if m, ok := chrome[k]; ok {
			c = m.String()
		}
		t.Logf("  %-13s Firefox %s   Chromium %s", k, res.Timings[k], c)
	}
	for _, s := range res.Steps {
		t.Logf("  Firefox step %-38q %5d ms ok=%v", s.Name, s.MS, s.OK)
	}
}
