//go:build js && wasm

package store

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/hack-pad/go-indexeddb/idb"
)

// The list index: every draft's metadata, kept again in the "list" object
// store as listBuckets records of text, one line per draft, so that a
// listing reads 16 records instead of one per draft. With 10,000 drafts,
// IndexedDB's getAll of the "drafts" store takes about 250 ms on a 2-core
// laptop; of the index, 12 ms (BenchmarkList10000). Few and large records
// are the point: Chromium keeps values over 64 KB as blobs, which it reads
// ten times faster than the same bytes in 64 records of 55 KB. A line is
//
//	"id" TAB "updated" TAB flag TAB "kind" TAB "status" TAB {metadata JSON}
//
// with the first four fields as JSON strings (so never a tab or a newline
// inside) and flag "t" for a draft in the trash, "-" otherwise. A draft's
// bucket is chosen by a hash of its id.
//
// Every write to "drafts" updates the line in the same transaction. The
// index is built from "drafts" when a bucket is missing (a database
// upgraded from version 3, or one whose index was lost): writes then leave
// it alone, and the next listing builds it in one transaction.
const listBuckets = 16

func bucketOf(id string) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % listBuckets)
}

func bucketKey(b int) string { return "list:" + strconv.Itoa(b) }

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// indexLine is the line of r (its Body is ignored).
func indexLine(r Record) string {
	r.Body = nil
	meta, _ := json.Marshal(r)
	flag := "-"
	if r.Trashed != "" {
		flag = "t"
	}
	return quote(r.ID) + "\t" + quote(r.Updated) + "\t" + flag + "\t" + quote(r.Kind) + "\t" + quote(r.Status) + "\t" + string(meta)
}

// listLine is one line split into its fields (still quoted).
type listLine struct {
	id, updated, flag, kind, status, meta string
}

func splitLine(line string) (l listLine, ok bool) {
	rest := line
	for _, f := range []*string{&l.id, &l.updated, &l.flag, &l.kind, &l.status} {
		if *f, rest, ok = strings.Cut(rest, "\t"); !ok {
			return listLine{}, false
		}
	}
	l.meta = rest
	return l, len(l.id) >= 2 && l.id[0] == '"'
}

// listTx changes the index inside a write transaction: set and remove
// read the bucket (the transaction's own request) and change it in
// memory; flush writes the changed buckets.
type listTx struct {
	st      *idb.ObjectStore
	lines   map[int][]string // bucket -> its lines, once read
	pending map[int]*idb.Request
	changed map[int]bool
	off     bool // the index is not built: leave it alone
}

func newListTx(tx *idb.Transaction) (*listTx, error) {
	st, err := tx.ObjectStore("list")
	if err != nil {
		return nil, err
	}
	return &listTx{st: st, lines: map[int][]string{}, pending: map[int]*idb.Request{}, changed: map[int]bool{}}, nil
}

// prefetch asks for id's bucket now, so that it arrives with the
// requests sent before the first wait instead of after it.
func (l *listTx) prefetch(id string) {
	b := bucketOf(id)
	if _, ok := l.pending[b]; !ok {
		if req, err := l.st.Get(js.ValueOf(bucketKey(b))); err == nil {
			l.pending[b] = req
		}
	}
}

// bucket returns the lines of b, reading them at the first call.
func (l *listTx) bucket(ctx context.Context, b int) ([]string, bool, error) {
	if lines, ok := l.lines[b]; ok {
		return lines, true, nil
	}
	req, ok := l.pending[b]
	if !ok {
		var err error
		if req, err = l.st.Get(js.ValueOf(bucketKey(b))); err != nil {
			return nil, false, err
		}
	}
	v, err := wait(ctx, req)
	if err != nil {
		return nil, false, err
	}
	lines, ok := bucketLines(v)
	if !ok {
		l.off = true
		return nil, false, nil
	}
	l.lines[b] = lines
	return lines, true, nil
}

// set puts r's line in the index, replacing its old one.
func (l *listTx) set(ctx context.Context, r Record) error { return l.change(ctx, r.ID, indexLine(r)) }

// remove takes id's line out of the index.
func (l *listTx) remove(ctx context.Context, id string) error { return l.change(ctx, id, "") }

func (l *listTx) change(ctx context.Context, id, line string) error {
	if l.off {
		return nil
	}
	b := bucketOf(id)
	lines, ok, err := l.bucket(ctx, b)
	if err != nil || !ok {
		return err
	}
	prefix := quote(id) + "\t"
	lines = slices.DeleteFunc(lines, func(s string) bool { return strings.HasPrefix(s, prefix) })
	if line != "" {
		lines = append(lines, line)
	}
	l.lines[b] = lines
	l.changed[b] = true
	return nil
}

// flush writes the changed buckets.
func (l *listTx) flush() error {
	if l.off {
		return nil
	}
	for b := range l.changed {
		if _, err := l.st.Put(bucketValue(b, l.lines[b])); err != nil {
			return err
		}
	}
	return nil
}

// bucketValue is the stored record of bucket b. Its lines are UTF-8 bytes
// in a Uint8Array, which Go copies in one step; a string would be
// re-encoded on the way (32 ms for 10,000 drafts, against 3).
func bucketValue(b int, lines []string) js.Value {
	text := strings.Join(lines, "\n")
	u := js.Global().Get("Uint8Array").New(len(text))
	js.CopyBytesToJS(u, []byte(text))
	return js.ValueOf(map[string]any{"key": bucketKey(b), "lines": u})
}

// bucketLines reads the lines of a stored bucket; ok is false when it is
// missing or not one.
func bucketLines(v js.Value) (lines []string, ok bool) {
	if !v.Truthy() {
		return nil, false
	}
	u := v.Get("lines")
	if u.Type() != js.TypeObject || !u.InstanceOf(js.Global().Get("Uint8Array")) {
		return nil, false
	}
	buf := make([]byte, u.Length())
	js.CopyBytesToGo(buf, u)
	if len(buf) == 0 {
		return nil, true
	}
	return strings.Split(string(buf), "\n"), true
}

// ListJSON returns what List returns, as JSON text, from the index: the
// engine hands it to the page without decoding it. It builds the index
// first if it is missing.
func (s *IDB) ListJSON(ctx context.Context, o ListOptions) (string, error) {
	if o.newestFew() { // the index would be read whole
		list, err := s.listCursor(ctx, o)
		if err != nil {
			return "", err
		}
		b, err := json.Marshal(list)
		return string(b), err
	}
	sel, err := s.selectLines(ctx, o)
	if err != nil {
		return "", err
	}
	var out strings.Builder
	out.WriteByte('[')
	for i, l := range sel {
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteString(l.meta)
	}
	out.WriteByte(']')
	return out.String(), nil
}

// Stamp is a draft's id and last change.
type Stamp struct{ ID, Updated string }

// Stamps returns the id and last change of every draft not in the trash,
// newest first, from the index.
func (s *IDB) Stamps(ctx context.Context) ([]Stamp, error) {
	sel, err := s.selectLines(ctx, ListOptions{})
	if err != nil {
		return nil, err
	}
	out := make([]Stamp, 0, len(sel))
	for _, l := range sel {
		var st Stamp
		if json.Unmarshal([]byte(l.id), &st.ID) == nil && json.Unmarshal([]byte(l.updated), &st.Updated) == nil {
			out = append(out, st)
		}
	}
	return out, nil
}

// selectLines returns the lines List would return, in its order.
func (s *IDB) selectLines(ctx context.Context, o ListOptions) ([]listLine, error) {
	lines, err := s.indexLines(ctx)
	if err != nil {
		return nil, err
	}
	kind, status := quote(o.Kind), quote(o.Status)
	var sel []listLine
	for _, text := range lines {
		l, ok := splitLine(text)
		if !ok {
			continue // not ours: skipped, as a corrupt record is by List
		}
		if (l.flag == "t") != o.Trash || (o.Kind != "" && l.kind != kind) || (o.Status != "" && l.status != status) {
			continue
		}
		sel = append(sel, l)
	}
	// Newest first; the same order as the "updated" index read backwards.
	slices.SortFunc(sel, func(a, b listLine) int {
		if c := strings.Compare(b.updated, a.updated); c != 0 {
			return c
		}
		return strings.Compare(b.id, a.id)
	})
	if o.Limit > 0 && len(sel) > o.Limit {
		sel = sel[:o.Limit]
	}
	return sel, nil
}

// indexLines reads every line of the index, building it if a bucket is
// missing.
func (s *IDB) indexLines(ctx context.Context) ([]string, error) {
	all, err := s.getAllRaw(ctx, "list", "")
	if err != nil {
		return nil, err
	}
	if all.Length() != listBuckets {
		return s.buildIndex(ctx)
	}
	var lines []string
	for i := range all.Length() {
		ls, ok := bucketLines(all.Index(i))
		if !ok {
			return s.buildIndex(ctx)
		}
		lines = append(lines, ls...)
	}
	return lines, nil
}

// buildIndex writes the index from "drafts" in one transaction and
// returns its lines. It uses the browser's API directly, as getAllRaw
// does: go-indexeddb has no getAll. The puts follow the getAll in the
// same transaction: wait returns while its success event is handled.
func (s *IDB) buildIndex(ctx context.Context) (lines []string, err error) {
	if s.closed.Load() || !s.raw.Truthy() {
		return nil, ErrClosed
	}
	defer func() {
		if r := recover(); r != nil {
			err = mapErr(fmt.Errorf("%v", r), "") // a closed connection throws
		}
	}()
	tx := s.raw.Call("transaction", js.ValueOf([]any{"drafts", "list"}), "readwrite")
	list := tx.Call("objectStore", "list")
	all, err := wait(ctx, rawRequest{tx.Call("objectStore", "drafts").Call("getAll")})
	if err != nil {
		return nil, mapErr(err, "")
	}
	recs, err := decodeRecords(js.Global().Get("JSON").Call("stringify", all).String())
	if err != nil {
		tx.Call("abort")
		return nil, err
	}
	buckets := make([][]string, listBuckets)
	for _, r := range recs {
		if r.ID == "" || r.Revision < 1 {
			continue // corrupt: List skips it too
		}
		line := indexLine(r)
		b := bucketOf(r.ID)
		buckets[b] = append(buckets[b], line)
		lines = append(lines, line)
	}
	var last js.Value
	for b, ls := range buckets {
		last = list.Call("put", bucketValue(b, ls))
	}
	// The last put done, the index is written (the transaction commits
	// on its own; a later read of "list" waits for it).
	if _, err := wait(ctx, rawRequest{last}); err != nil {
		return nil, mapErr(err, "")
	}
	return lines, nil
}
