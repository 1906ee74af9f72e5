//go:build js && wasm

// Command wasm is the evidraft engine compiled to WebAssembly. It registers
// one global, window.evidraft, whose functions all return Promises: the
// request kinds, examples and schemas, validation with localised findings,
// and the draft store in IndexedDB. See README.md ("JavaScript API").
//
// The host page may set window.evidraftConfig before starting it:
//
//	{dbName: "portal-evidraft", lang: "fr"}
//
// and may create window.evidraft = {ready: promise, _settle: fn} first, so
// that scripts can await evidraft.ready before the engine has loaded; the
// engine then fills that object in and calls _settle(info).
package main

import (
	"context"
	"encoding/json"
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

var (
	mu      sync.Mutex
	lang    language.Tag = language.English
	drafts  store.DraftStore
	openErr error // why drafts is nil
	dbName  = DefaultDBName
	events  *channel
)

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

// draftStore returns the open store or the reason there is none.
func draftStore() (store.DraftStore, error) {
	mu.Lock()
	defer mu.Unlock()
	if drafts == nil {
		return nil, openErr
	}
	return drafts, nil
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
func start() {
	cfg := js.Global().Get("evidraftConfig")
	dbName = DefaultDBName
	if n := option(cfg, "dbName"); n != "" {
		dbName = n
	}
	// A portal's own request kinds, from evidraft build --extra: file
	// name -> content, as JSON text.
	if x := option(cfg, "extra"); x != "" {
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
	lang = initialLanguage(option(cfg, "lang"))

	api := js.Global().Get("evidraft")
	settle := js.Undefined()
	if api.Type() == js.TypeObject && api.Get("_settle").Type() == js.TypeFunction {
		settle = api.Get("_settle")
	} else {
		api = js.Global().Get("Object").New()
		js.Global().Set("evidraft", api)
	}
	api.Set("version", version)
	api.Set("schemaVersion", schemas.SchemaVersion)
	register(api)

	events = newChannel("evidraft:" + dbName)
	info := openStore()

	infoJS, _ := toJS(info)
	if settle.Type() == js.TypeFunction {
		settle.Invoke(infoJS)
	} else {
		api.Set("ready", js.Global().Get("Promise").Call("resolve", infoJS))
	}
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
// and every store call rejects with the reason.
func openStore() readyInfo {
	info := readyInfo{Version: version, Lang: lang.String(), Dir: locales.Dir(lang), DBName: dbName, Storage: "indexeddb"}
	ctx, cancel := context.WithTimeout(context.Background(), store.DefaultTimeout+time.Second)
	defer cancel()
	s, err := store.Open(ctx, store.Options{Name: dbName, OnVersionChange: func() {
		mu.Lock()
		openErr = store.ErrClosed
		drafts = nil
		mu.Unlock()
		events.local(changeEvent{Action: "closed"})
	}})
	mu.Lock()
	defer mu.Unlock()
	if err != nil {
		openErr = err
		ae := toAPIError(err)
		info.Storage = ae.Code
		info.StorageError = locales.For(lang).Message(ae.Code, ae.Params)
		return info
	}
	drafts = s
	info.Protected = loadProtection(s)
	return info
}

// initialLanguage picks the configured language, else the browser's.
func initialLanguage(configured string) language.Tag {
	if configured != "" {
		return locales.Match(configured)
	}
	var prefs []string
	langs := js.Global().Get("navigator").Get("languages")
	if langs.Type() == js.TypeObject {
		for i := 0; i < langs.Length(); i++ {
			prefs = append(prefs, langs.Index(i).String())
		}
	}
	return locales.Match(prefs...)
}
