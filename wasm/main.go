//go:build js && wasm

// Command wasm is the evidraft engine compiled to WebAssembly. It registers
// one global, window.evidraft, whose functions all return Promises: the
// request kinds, examples and schemas, validation with localised findings,
// and the draft store in IndexedDB. See README.md ("JavaScript API").
//
// The host page may set window.evidraftConfig before starting it:
//
//	{dbName: "portal-evidraft", prefs: ["fr", "en-GB", "en"]}
//
// prefs are the user's languages, best first (the site puts the saved
// choice, then navigator.languages): the engine picks the supported one
// that fits best (locales.Match), and evidraft.ready tells which (lang).
// Without prefs, lang names the language ("fr"); without either, the
// browser's languages decide. now is an RFC 3339 time the engine's clock
// starts from: for tests.
//
// and may create window.evidraft = {ready: promise, _settle: fn} first, so
// that scripts can await evidraft.ready before the engine has loaded; the
// engine then fills that object in and calls _settle(info).
//
// The site runs it in a dedicated Worker (site/js/worker.js): there the
// global is the worker's, and the page's window.evidraft is a proxy.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"syscall/js"
	"time"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/wasm/store"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// DefaultDBName is the IndexedDB database used when the host sets none.
const DefaultDBName = "evidraft"

// mu guards the variables below. It is held only for moments, never
// while waiting for the browser: the synchronous part of every API call
// takes it (currentLocalizer), and a js.FuncOf callback that blocks
// cannot be resumed (the browser would have to run first).
var (
	mu      sync.Mutex
	lang    language.Tag = language.English
	drafts  store.DraftStore
	openErr error // why drafts is nil
	dbName  = DefaultDBName
	events  *channel
	// opened is closed when the store has been opened, or has failed
	// to: until then store calls wait (draftStore).
	opened = make(chan struct{})
)

// storeWait bounds how long a store call waits for the store to open:
// as long as openStore lets the open take.
const storeWait = store.DefaultTimeout + time.Second

func currentLocalizer() *locales.Localizer {
	mu.Lock()
	defer mu.Unlock()
	return locales.For(lang)
}

func currentLang() language.Tag {
	mu.Lock()
	defer mu.Unlock()
	return lang
}

// draftStore returns the open store or the reason there is none. A call
// made while the store is still opening (a page may call as soon as
// window.evidraft exists) waits for it, at most storeWait, and is then
// store.blocked.
func draftStore() (store.DraftStore, error) {
	mu.Lock()
	wait := opened
	mu.Unlock()
	select {
	case <-wait:
	default:
		// Only while the store opens: a timer, even stopped, leaves the
		// browser a timeout that wakes the idle page seconds later.
		t := time.NewTimer(storeWait)
		defer t.Stop()
		select {
		case <-wait:
		case <-t.C:
			return nil, &locales.Error{Code: "store.blocked", Err: errors.New("the draft store is still opening")}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	switch {
	case drafts != nil:
		return drafts, nil
	case openErr != nil:
		return nil, openErr
	}
	return nil, store.ErrClosed // closed since (only tests do that)
}

func main() {
	// Package initialisation is over: the page's performance timeline
	// shows how long it took after evidraft:compiled.
	if perf := js.Global().Get("performance"); perf.Type() == js.TypeObject && perf.Get("mark").Type() == js.TypeFunction {
		perf.Call("mark", "evidraft:main")
	}
	start()
	select {}
}

// start registers the API and opens the draft store; evidraft.ready
// resolves (or the loader's _settle is called) once both are done.
//
// window.evidraft is complete when the page first sees it: ready (a
// pending Promise), version, schemaVersion and every function. Store calls
// made before the store is open wait for it (draftStore).
func start() {
	// Dates and names in words from the browser's Intl, before any call
	// that draws them can be served.
	locales.SetWords(intlWords{})
	cfg := js.Global().Get("evidraftConfig")
	// The host's config is read like any argument: a getter that throws
	// is the same as no setting.
	config := func(name string) (v string) {
		try(func() { v = option(cfg, name) })
		return v
	}
	setClock(config("now"))
	dbName = DefaultDBName
	if n := config("dbName"); n != "" {
		dbName = n
	}
	// The schemas compiled here are the ones built in, and a portal's
	// that evidraft build checked: no metaschema check (about half of
	// compiling them, which each page load does once it is drawn).
	schemas.TrustEmbedded()
	// A portal's own request kinds, from evidraft build --extra: file
	// name -> content, as JSON text.
	if x := config("extra"); x != "" {
		var extra map[string]string
		if err := json.Unmarshal([]byte(x), &extra); err == nil {
			files := map[string][]byte{}
			for k, v := range extra {
				files[k] = []byte(v)
			}
			if _, err := schemas.LoadBuiltExtra(files); err != nil {
				js.Global().Get("console").Call("error", "evidraft: extra kinds: "+err.Error())
			}
		}
	}
	var prefs []string
	try(func() {
		if v := prop(cfg, "prefs"); isArray(v) {
			prefs = stringList(v, "evidraftConfig.prefs", 1000)
		}
	})
	l := initialLanguage(prefs, config("lang"))
	done := make(chan struct{})
	mu.Lock()
	lang = l
	drafts, openErr, opened = nil, nil, done
	mu.Unlock()
	events = newChannel("evidraft:" + dbName)

	// The loader's object (site/js/engine.js makes {ready, _settle}) is
	// filled in; without one, a new object with its own pending ready is
	// made, and set on window only once it is complete.
	api := js.Global().Get("evidraft")
	var settle js.Value
	loader := false
	if isObject(api) {
		if fn, err := get(api, "_settle"); err == nil && fn.Type() == js.TypeFunction {
			settle, loader = fn, true
		}
	}
	if !loader {
		api = jsObject.New()
		var ready js.Value
		ready, settle = pending()
		api.Set("ready", ready)
	}
	api.Set("version", version)
	api.Set("schemaVersion", schemas.SchemaVersion)
	register(api)
	if !loader {
		js.Global().Set("evidraft", api)
	}

	info := openStore(done)
	try(func() {
		infoJS, _ := toJS(info)
		settle.Invoke(infoJS)
	})
}

// pending returns a new Promise and the function that resolves it.
func pending() (p, resolve js.Value) {
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve = args[0]
		return nil
	})
	p = jsPromise.New(executor)
	executor.Release()
	return p, resolve
}

// readyInfo is what evidraft.ready resolves to.
type readyInfo struct {
	Version      string `json:"version"`
	Lang         string `json:"lang"`
	Dir          string `json:"dir"`
	DBName       string `json:"dbName"`
	Storage      string `json:"storage"` // "indexeddb", or the error code: "store.unavailable", "store.blocked"
	StorageError string `json:"storageError,omitempty"`
	Protected    bool   `json:"protected"` // the drafts are encrypted: unlockDrafts before opening one
}

// openStore opens the draft database; without one, validation still works
// and every store call rejects with the reason. It closes done when the
// store calls waiting in draftStore can go on.
func openStore(done chan struct{}) readyInfo {
	defer close(done)
	l := currentLang()
	info := readyInfo{Version: version, Lang: l.String(), Dir: locales.Dir(l), DBName: dbName, Storage: "indexeddb"}
	ctx, cancel := store.WithTimeout(context.Background(), storeWait)
	defer cancel()
	s, err := store.Open(ctx, store.Options{Name: dbName, OnVersionChange: func() {
		// In a goroutine of its own, where a panic would end the program.
		defer func() { recover() }()
		mu.Lock()
		openErr = store.ErrClosed
		drafts = nil
		mu.Unlock()
		events.local(changeEvent{Action: "closed"})
	}})
	if err != nil {
		mu.Lock()
		openErr = err
		mu.Unlock()
		ce := toAPIError(err)
		info.Storage = ce.Code
		info.StorageError = locales.For(l).Error(ce)
		return info
	}
	// Before any call can use the store: protected drafts start locked.
	// It waits for IndexedDB, so not under mu.
	info.Protected = loadProtection(s)
	mu.Lock()
	drafts = s
	mu.Unlock()
	return info
}

// initialLanguage picks the best of the host's preferences, else the
// configured language, else the best of the browser's.
func initialLanguage(prefs []string, configured string) language.Tag {
	if len(prefs) > 0 {
		return locales.Match(prefs...)
	}
	if configured != "" {
		return locales.Match(configured)
	}
	var browser []string
	try(func() {
		browser = stringList(prop(js.Global().Get("navigator"), "languages"), "navigator.languages", 1000)
	})
	return locales.Match(browser...)
}
