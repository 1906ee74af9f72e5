//go:build js && wasm

package store

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"syscall/js"
	"time"

	"github.com/hack-pad/go-indexeddb/idb"

	"github.com/evidraft/evidraft/locales"
)

// Version is the current database version; Open upgrades older ones.
//
//	1: "drafts" (metadata, indexes "updated" and "kind") and "bodies"
//	2: adds "revisions"
//	3: adds "meta" (key/value: what was exported when)
//	4: adds "list" (the list index, see listindex.go; built at the first
//	   listing); a tab still running older code is closed by the upgrade,
//	   so that nothing writes drafts without updating it
const Version = 4

// DefaultTimeout bounds Open: an open that waits longer is blocked by
// another tab that keeps an older version open.
const DefaultTimeout = 5 * time.Second

// Options configure Open.
type Options struct {
	Name    string        // database name; portals prefix it to keep their drafts apart
	Timeout time.Duration // DefaultTimeout if zero
	Version uint          // Version if zero; tests open older versions
	// OnVersionChange is called when another tab upgrades the database;
	// this handle is then closed and every call fails with ErrClosed.
	OnVersionChange func()
	// Now is the clock the times of changes are taken from; time.Now if
	// nil. Tests give one that moves as they say.
	Now func() time.Time
}

// IDB is a DraftStore over IndexedDB.
type IDB struct {
	db     *idb.Database
	raw    js.Value // the same connection as db, for bulk reads go-indexeddb lacks
	name   string
	clock  func() time.Time
	closed atomic.Bool
	prot   atomic.Pointer[protection]
	// manCache is the manifest this handle wrote last (manifest.go).
	manCache atomic.Pointer[manifest]
}

// Available reports whether the browser offers IndexedDB at all.
func Available() bool {
	v := js.Global().Get("indexedDB")
	return v.Truthy()
}

// Open opens (creating or upgrading) the named database.
func Open(ctx context.Context, o Options) (s *IDB, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, &locales.Error{Code: "store.unavailable", Err: fmt.Errorf("%v", r)}
		}
	}()
	if !Available() {
		return nil, &locales.Error{Code: "store.unavailable", Err: errors.New("indexedDB is not defined")}
	}
	if o.Timeout == 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Version == 0 {
		o.Version = Version
	}
	ctx, cancel := WithTimeout(ctx, o.Timeout)
	defer cancel()
	// The upgrade listener lives as long as the request, not as long as
	// ctx: an open that timed out still goes ahead when the tab that
	// blocked it closes, and must then upgrade the database properly (with
	// no listener, the database would be left at the new version without
	// its object stores).
	upgradeCtx, upgradeDone := context.WithCancel(context.Background())
	req, err := idb.Global().Open(upgradeCtx, o.Name, o.Version, safeUpgrade)
	if err != nil {
		upgradeDone()
		return nil, mapErr(err, "")
	}
	_, err = wait(ctx, req.Request)
	// When ctx ends first, the request is still pending, and reading its
	// result would throw InvalidStateError from a getter: an exception
	// that unwinds through the Go program (recover never sees it) and
	// leaves the runtime broken. A tab holding an older version open, or a
	// page keeping the event loop busy for the whole timeout, did that.
	if state, _ := req.Request.ReadyState(); state != "done" {
		// Should it open later, that connection is closed at once.
		closeLate := func() {
			if raw, err := req.Request.Result(); err == nil && raw.Type() == js.TypeObject {
				raw.Call("close")
			}
			upgradeDone()
		}
		if req.Request.Listen(context.Background(), closeLate, upgradeDone) != nil {
			upgradeDone()
		}
		return nil, &locales.Error{Code: "store.blocked", Err: fmt.Errorf("opening %q took longer than %v", o.Name, o.Timeout)}
	}
	upgradeDone()
	if err != nil {
		return nil, mapErr(err, "")
	}
	db, err := req.Result()
	if err != nil {
		return nil, mapErr(err, "")
	}
	s = &IDB{db: db, name: o.Name, clock: o.Now}
	if s.clock == nil {
		s.clock = time.Now
	}
	if raw, err := req.Request.Result(); err == nil {
		s.raw = raw
		onChange := js.FuncOf(func(js.Value, []js.Value) any {
			s.closed.Store(true)
			if o.OnVersionChange != nil {
				go o.OnVersionChange()
			}
			return nil
		})
		raw.Call("addEventListener", "versionchange", onChange)
		raw.Call("addEventListener", "close", onChange)
	}
	return s, nil
}

// safeUpgrade is upgrade as go-indexeddb calls it: from a js.FuncOf
// callback, where it panics with any error returned, and a panic there
// ends the Go program. A failed upgrade closes the connection instead, so
// that the store is not used half made.
func safeUpgrade(db *idb.Database, oldVersion, newVersion uint) error {
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("upgrade: %v", r)
			}
		}()
		return upgrade(db, oldVersion, newVersion)
	}()
	if err != nil {
		func() {
			defer func() { recover() }()
			js.Global().Get("console").Call("error", "evidraft: upgrading the database: "+err.Error())
			db.Close()
		}()
	}
	return nil
}

// upgrade brings a database from oldVersion to newVersion. It must not
// wait for anything (awaiting inside the upgrade callback hangs).
func upgrade(db *idb.Database, oldVersion, newVersion uint) error {
	id := js.ValueOf("id")
	if oldVersion < 1 {
		drafts, err := db.CreateObjectStore("drafts", idb.ObjectStoreOptions{KeyPath: id})
		if err != nil {
			return err
		}
		if _, err := drafts.CreateIndex("updated", js.ValueOf("updated"), idb.IndexOptions{}); err != nil {
			return err
		}
		if _, err := drafts.CreateIndex("kind", js.ValueOf("kind"), idb.IndexOptions{}); err != nil {
			return err
		}
		if _, err := db.CreateObjectStore("bodies", idb.ObjectStoreOptions{KeyPath: id}); err != nil {
			return err
		}
	}
	if oldVersion < 2 && newVersion >= 2 {
		key := js.ValueOf([]any{"id", "revision"})
		if _, err := db.CreateObjectStore("revisions", idb.ObjectStoreOptions{KeyPath: key}); err != nil {
			return err
		}
	}
	if oldVersion < 3 && newVersion >= 3 {
		if _, err := db.CreateObjectStore("meta", idb.ObjectStoreOptions{KeyPath: js.ValueOf("key")}); err != nil {
			return err
		}
	}
	if oldVersion < 4 && newVersion >= 4 {
		if _, err := db.CreateObjectStore("list", idb.ObjectStoreOptions{KeyPath: js.ValueOf("key")}); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes a whole database (tests use unique names and delete them).
func Delete(ctx context.Context, name string) error {
	req, err := idb.Global().DeleteDatabase(name)
	if err != nil {
		return mapErr(err, "")
	}
	_, err = wait(ctx, req.Request)
	return mapErr(err, "")
}

// Close closes the database handle.
func (s *IDB) Close() error {
	s.closed.Store(true)
	return s.db.Close()
}

// Name returns the database name.
func (s *IDB) Name() string { return s.name }

func (s *IDB) txn(mode idb.TransactionMode, stores ...string) (*idb.Transaction, error) {
	if s.closed.Load() {
		return nil, &locales.Error{Code: "store.closed"}
	}
	t, err := s.db.Transaction(mode, stores[0], stores[1:]...)
	if err != nil {
		return nil, mapErr(err, "")
	}
	return t, nil
}
