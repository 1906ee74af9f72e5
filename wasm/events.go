//go:build js && wasm

package main

import "syscall/js"

// EventName is the CustomEvent dispatched on window whenever a draft
// changes, in this tab ("origin": "local") or another ("remote").
const EventName = "evidraft:change"

// changeEvent is the detail of a change event.
type changeEvent struct {
	Action   string `json:"action"` // saved, trashed, restored, purged, reverted, closed, protected, locked
	ID       string `json:"id,omitempty"`
	Revision int    `json:"revision,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Status   string `json:"status,omitempty"`
	Title    string `json:"title,omitempty"`
	Updated  string `json:"updated,omitempty"`
	Origin   string `json:"origin"`
}

// channel tells other tabs of the same origin and database about changes
// through a BroadcastChannel, and the host page through window events.
type channel struct {
	bc js.Value // undefined where BroadcastChannel is missing
}

func newChannel(name string) *channel {
	c := &channel{bc: js.Undefined()}
	ctor := js.Global().Get("BroadcastChannel")
	if ctor.Type() != js.TypeFunction {
		return c
	}
	c.bc = ctor.New(name)
	// Messages from other tabs are passed on to this page as events. The
	// BroadcastChannel never echoes a tab's own messages.
	c.bc.Set("onmessage", js.FuncOf(func(this js.Value, args []js.Value) any {
		remote(arg(args, 0))
		return nil
	}))
	return c
}

// remote passes on a message from another tab: anything that posts on
// the channel's name can send anything, so a message that is not a change
// is dropped, and nothing it holds can panic here (in a js.FuncOf
// callback, which is not in a goroutine that recovers, a panic would end
// the program).
func remote(msg js.Value) {
	defer func() { recover() }()
	data := prop(msg, "data")
	if data.Type() != js.TypeObject || prop(data, "action").Type() != js.TypeString {
		return
	}
	// A copy of the message's own fields, so that nothing is set on it.
	detail := jsObject.Call("assign", jsObject.New(), data)
	detail.Set("origin", "remote")
	switch prop(data, "action").String() {
	case "protected", "locked":
		// Another tab protected or locked the drafts: this one forgets its
		// key too, and never writes in clear what is protected now. (A
		// forged message can only lock: loadProtection reads the store.)
		go func() {
			defer func() { recover() }()
			if s, err := draftStore(); err == nil {
				unlocked.Store(nil)
				loadProtection(s)
			}
		}()
	}
	dispatch(detail)
}

// local announces a change made in this tab. It never fails the change
// itself: a page whose listeners or dispatchEvent throw misses the event.
func (c *channel) local(e changeEvent) {
	defer func() { recover() }()
	e.Origin = "local"
	v, err := toJS(e)
	if err != nil {
		return
	}
	dispatch(v)
	if c != nil && c.bc.Truthy() && e.Action != "closed" {
		out, _ := toJS(e)
		c.bc.Call("postMessage", out)
	}
}

func dispatch(detail js.Value) {
	target := js.Global()
	if target.Get("dispatchEvent").Type() != js.TypeFunction {
		return
	}
	init := js.Global().Get("Object").New()
	init.Set("detail", detail)
	target.Call("dispatchEvent", js.Global().Get("CustomEvent").New(EventName, init))
}
