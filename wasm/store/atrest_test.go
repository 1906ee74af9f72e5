//go:build js && wasm

package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"strings"
	"syscall/js"
	"testing"
)

type gcmCodec struct{ aead cipher.AEAD }

func newCodec() gcmCodec {
	key := make([]byte, 32)
	rand.Read(key)
	b, _ := aes.NewCipher(key)
	g, _ := cipher.NewGCM(b)
	return gcmCodec{g}
}

func (c gcmCodec) Seal(plain []byte) ([]byte, []byte, error) {
	iv := make([]byte, 12)
	rand.Read(iv)
	return iv, c.aead.Seal(nil, iv, plain, nil), nil
}

func (c gcmCodec) Open(iv, ct []byte) ([]byte, error) { return c.aead.Open(nil, iv, ct, nil) }

// rawText is everything the bodies and revisions stores hold, as JSON.
func rawText(t *testing.T, s *IDB) string {
	t.Helper()
	var b strings.Builder
	for _, st := range []string{"bodies", "revisions"} {
		all, err := s.rawAll(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range all {
			b.WriteString(js.Global().Get("JSON").Call("stringify", v).String())
		}
	}
	return b.String()
}

func TestProtect(t *testing.T) {
	s := openTest(t, Options{})
	r := save(t, s, Record{Kind: "mla", Title: "T", Body: body("SECRET-ONE")})
	r.Body = body("SECRET-TWO")
	r = save(t, s, r)
	c := newCodec()
	if err := s.Protect(ctx, c, `{"salt":"x"}`); err != nil {
		t.Fatal(err)
	}
	if raw := rawText(t, s); strings.Contains(raw, "SECRET") || !strings.Contains(raw, `"enc"`) {
		t.Fatalf("after Protect the store holds plain text: %.300s", raw)
	}
	if v, _ := s.Meta(ctx, "protection"); v != `{"salt":"x"}` {
		t.Errorf("settings = %q", v)
	}
	got, err := s.Get(ctx, r.ID)
	if err != nil || string(got.Body) != string(body("SECRET-TWO")) {
		t.Fatalf("Get after Protect = %s, %v", got.Body, err)
	}
	got.Body = body("SECRET-THREE")
	if _, err := s.Save(ctx, got); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rawText(t, s), "SECRET") {
		t.Fatal("a save after Protect stored plain text")
	}
	revs, err := s.Revisions(ctx, r.ID)
	if err != nil || len(revs) != 3 || string(revs[2].Body) != string(body("SECRET-ONE")) {
		t.Fatalf("revisions after Protect: %v, %+v", err, revs)
	}
	// Locked: nothing is read or written in clear, metadata still lists.
	s.SetCodec(nil, true)
	if _, err := s.Get(ctx, r.ID); !errors.Is(err, ErrLocked) {
		t.Errorf("Get while locked = %v", err)
	}
	if _, err := s.Save(ctx, Record{Kind: "mla", Body: body("SECRET-FOUR")}); !errors.Is(err, ErrLocked) {
		t.Errorf("Save while locked = %v", err)
	}
	if l, _ := s.List(ctx, ListOptions{}); len(l) != 1 {
		t.Errorf("List while locked: %d drafts", len(l))
	}
	if _, err := s.Trash(ctx, r.ID); err != nil {
		t.Errorf("Trash while locked = %v", err)
	}
	s.SetCodec(c, true)
	if got, err := s.Get(ctx, r.ID); err != nil || string(got.Body) != string(body("SECRET-THREE")) {
		t.Errorf("after unlock: %s %v", got.Body, err)
	}
	// A wrong key reads nothing.
	s.SetCodec(newCodec(), true)
	if _, err := s.Get(ctx, r.ID); err == nil {
		t.Error("a wrong key decrypted the draft")
	}
}
