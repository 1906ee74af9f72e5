package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/schemas/export"
)

// TestVerifyEncryptDecrypt: an export is verified with its drafts,
// protected with a passphrase, refused with a wrong one in the user's
// language, and opened again with the right one.
func TestVerifyEncryptDecrypt(t *testing.T) {
	dir := t.TempDir()
	body, _ := schemas.Example("mla")
	data, err := export.Marshal(export.Content{App: "test", Records: []export.Record{{ID: "x1", Kind: "mla", SchemaVersion: 1, Title: "MLA-1", Status: "draft", Created: "2026-11-20T10:00:00Z", Updated: "2026-11-21T10:00:00Z", Revision: 3, Body: json.RawMessage(body)}}})
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "drafts.evidraft.json")
	os.WriteFile(plain, data, 0o644)
	pass := filepath.Join(dir, "pass.txt")
	os.WriteFile(pass, []byte("a long passphrase\n"), 0o600)
	wrong := filepath.Join(dir, "wrong.txt")
	os.WriteFile(wrong, []byte("not it\n"), 0o600)

	code, out, stderr := runCLI(t, "", "verify", plain)
	if code != exitOK || !strings.Contains(out, "1 draft(s)") || !strings.Contains(out, "MLA-1 (mla, draft, revision 3, 0 kept): 0 errors, 0 warnings") {
		t.Errorf("verify = %d %q %q", code, out, stderr)
	}
	sealed := filepath.Join(dir, "sealed.evidraft.json")
	if code, _, stderr := runCLI(t, "", "encrypt", "--passphrase-file", pass, "-o", sealed, plain); code != exitOK {
		t.Fatalf("encrypt = %d %s", code, stderr)
	}
	if b, _ := os.ReadFile(sealed); strings.Contains(string(b), "MLA-1") {
		t.Fatal("the encrypted file shows a title")
	}
	// The page's minimum holds on the command line too.
	if code, _, stderr := runCLI(t, "", "encrypt", "--passphrase-file", wrong, "-o", filepath.Join(dir, "short.json"), plain); code != exitUsage || !strings.Contains(stderr, "at least 10") {
		t.Errorf("encrypt with a 6-character passphrase = %d %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "verify", "--lang", "fr", sealed); code != exitUsage || !strings.Contains(stderr, "phrase secrète") {
		t.Errorf("verify without passphrase = %d %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "verify", "--lang", "fr", "--passphrase-file", wrong, sealed); code != exitUsage || !strings.Contains(stderr, "n’est pas celle") {
		t.Errorf("verify with a wrong passphrase = %d %q", code, stderr)
	}
	if code, out, _ := runCLI(t, "", "verify", "--passphrase-file", pass, sealed); code != exitOK || !strings.Contains(out, "MLA-1") {
		t.Errorf("verify with the passphrase = %d %q", code, out)
	}
	code, out, _ = runCLI(t, "", "decrypt", "--passphrase-file", pass, sealed)
	if code != exitOK || string(out) != string(data) {
		t.Errorf("decrypt gave %d and a different file", code)
	}
	tampered := filepath.Join(dir, "tampered.evidraft.json")
	os.WriteFile(tampered, []byte(strings.Replace(string(data), "MLA-1", "MLA-2", 1)), 0o644)
	if code, _, stderr := runCLI(t, "", "verify", "--lang", "es", tampered); code != exitUsage || !strings.Contains(stderr, "suma de control") {
		t.Errorf("verify of a changed file = %d %q", code, stderr)
	}
}

// TestVerifySaysWhatTheChecksumProves: a plain export edited and given a
// recomputed checksum still passes the damage check, and verify says that
// this does not prove who wrote it; an encrypted export is reported as
// authenticated by its passphrase.
func TestVerifySaysWhatTheChecksumProves(t *testing.T) {
	dir := t.TempDir()
	body, _ := schemas.Example("mla")
	c := export.Content{App: "test", Records: []export.Record{{ID: "x1", Kind: "mla", SchemaVersion: 1, Title: "MLA-1", Status: "draft", Revision: 3, Body: json.RawMessage(body)}}}
	c.Records[0].Title = "MLA-1, edited by someone else"
	c.Records[0].Updated = "2099-01-01T00:00:00Z"
	forged, err := export.Marshal(c) // Marshal recomputes the SHA-256, as anyone can
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "forged.evidraft.json")
	os.WriteFile(plain, forged, 0o644)
	pass := filepath.Join(dir, "pass.txt")
	os.WriteFile(pass, []byte("a long passphrase\n"), 0o600)
	sealed := filepath.Join(dir, "sealed.evidraft.json")
	if code, _, stderr := runCLI(t, "", "encrypt", "--passphrase-file", pass, "-o", sealed, plain); code != exitOK {
		t.Fatalf("encrypt = %d %s", code, stderr)
	}
	const (
		plainWords     = "The checksum is intact: the file was not damaged. It does not prove who wrote the file: anyone can change a plain export and recompute it."
		encryptedWords = "Opened with the passphrase: the file has not been changed since it was encrypted with that passphrase (AES-GCM)."
	)
	for _, tc := range []struct {
		args      []string
		want, not string
	}{
		{[]string{"verify", plain}, plainWords, encryptedWords},
		{[]string{"verify", "--passphrase-file", pass, sealed}, encryptedWords, plainWords},
		{[]string{"verify", "--lang", "fr", plain}, "Elle ne prouve pas qui a écrit le fichier", "Ouvert avec"},
	} {
		code, out, stderr := runCLI(t, "", tc.args...)
		if code != exitOK || !strings.Contains(out, tc.want) || strings.Contains(out, tc.not) {
			t.Errorf("evidraft %s = %d %q %q, want exit 0 and %q", strings.Join(tc.args, " "), code, out, stderr, tc.want)
		}
	}
}
