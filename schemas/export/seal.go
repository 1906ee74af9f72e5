package export

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/evidraft/evidraft/locales"
)

// Iterations of PBKDF2-SHA-256: OWASP's 2023 advice for that hash.
const Iterations = 600_000

// MinPassphrase is the fewest characters (Unicode code points) a new
// passphrase may have, for an export file or for the drafts at rest: the
// page, the engine and the command line all refuse a shorter one.
const MinPassphrase = 10

// ShortPassphrase reports whether pass is too short to protect anything.
func ShortPassphrase(pass string) bool { return utf8.RuneCountInString(pass) < MinPassphrase }

// checkText is encrypted on its own, so that a wrong passphrase is told
// apart from damaged data.
const checkText = "evidraft passphrase check"

// Encryption holds what a reader needs besides the passphrase. Every byte
// string is base64 (standard, padded), as WebCrypto users write it.
type Encryption struct {
	KDF        string `json:"kdf"` // "PBKDF2-SHA-256"
	Iterations int    `json:"iterations"`
	Salt       string `json:"salt"`         // 16 random bytes
	Cipher     string `json:"cipher"`       // "AES-GCM-256"
	IV         string `json:"iv,omitempty"` // 12 random bytes, for the content (none in the draft store's settings)
	CheckIV    string `json:"checkIv"`
	Check      string `json:"check"` // checkText, encrypted with CheckIV
}

// Cipher derives keys from a passphrase and runs AES-GCM with them: Go's
// standard library in the CLI (Std), WebCrypto in the browser, where a Go
// PBKDF2 of 600,000 rounds would take seconds.
type Cipher interface {
	// Key derives an AES-256 key from passphrase with PBKDF2-SHA-256.
	Key(passphrase string, salt []byte, iterations int) (Key, error)
}

// Key is a derived AES-256-GCM key.
type Key interface {
	// Seal encrypts plain and authenticates it with the additional data
	// ad (nil for export files; the draft store binds each ciphertext to
	// where it is stored).
	Seal(iv, plain, ad []byte) ([]byte, error)
	// Open decrypts and authenticates; any error means a wrong key, a
	// different ad or changed bytes.
	Open(iv, sealed, ad []byte) ([]byte, error)
}

// Std is the Cipher of Go's standard library.
var Std Cipher = stdCipher{}

type stdCipher struct{}

type stdKey struct{ gcm cipher.AEAD }

func (stdCipher) Key(passphrase string, salt []byte, iter int) (Key, error) {
	key, err := pbkdf2.Key(sha256.New, passphrase, salt, iter, 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return stdKey{gcm}, nil
}

func (k stdKey) Seal(iv, plain, ad []byte) ([]byte, error) {
	return k.gcm.Seal(nil, iv, plain, ad), nil
}
func (k stdKey) Open(iv, sealed, ad []byte) ([]byte, error) { return k.gcm.Open(nil, iv, sealed, ad) }

// Seal encrypts an envelope (as Marshal writes it) with a passphrase: a
// fresh random salt and IVs each time.
func Seal(plain []byte, passphrase string) ([]byte, error) { return SealWith(Std, plain, passphrase) }

// SealWith is Seal with the given Cipher.
func SealWith(c Cipher, plain []byte, passphrase string) ([]byte, error) {
	e, key, err := NewKey(c, passphrase)
	if err != nil {
		return nil, err
	}
	return SealWithKey(*e, key, plain)
}

// SealWithKey encrypts an envelope with a key derived already, which e
// describes (the draft store's key and settings: the file then opens
// with the passphrase that protects the drafts, and the passphrase need
// not be kept). The content gets a fresh IV.
func SealWithKey(e Encryption, key Key, plain []byte) ([]byte, error) {
	iv := random(12)
	ct, err := key.Seal(iv, plain, nil)
	if err != nil {
		return nil, err
	}
	e.IV = base64.StdEncoding.EncodeToString(iv)
	env := envelope{Format: Format, FormatVersion: Version, Encryption: &e, Ciphertext: base64.StdEncoding.EncodeToString(ct)}
	return json.MarshalIndent(env, "", "  ")
}

// NewKey derives a key from passphrase with a fresh random salt and
// encrypts the check value with it. The Encryption it returns is what a
// reader needs besides the passphrase (IV is left for the caller); the
// browser's draft store keeps one too, for the drafts encrypted at rest.
func NewKey(c Cipher, passphrase string) (*Encryption, Key, error) {
	if passphrase == "" {
		return nil, nil, fmt.Errorf("export: empty passphrase")
	}
	salt, checkIV := random(16), random(12)
	key, err := c.Key(passphrase, salt, Iterations)
	if err != nil {
		return nil, nil, err
	}
	check, err := key.Seal(checkIV, []byte(checkText), nil)
	if err != nil {
		return nil, nil, err
	}
	b64 := base64.StdEncoding.EncodeToString
	return &Encryption{KDF: "PBKDF2-SHA-256", Iterations: Iterations, Salt: b64(salt), Cipher: "AES-GCM-256", CheckIV: b64(checkIV), Check: b64(check)}, key, nil
}

// OpenKey derives the key e describes and proves it on the check value:
// a wrong passphrase is ErrWrongPassphrase, parameters it cannot use
// ErrBadContent.
func OpenKey(c Cipher, e *Encryption, passphrase string) (Key, error) {
	if e.KDF != "PBKDF2-SHA-256" || e.Cipher != "AES-GCM-256" || e.Iterations < 100_000 || e.Iterations > 10_000_000 {
		return nil, &locales.Error{Code: "export.badContent", Err: fmt.Errorf("unsupported encryption %s/%s/%d", e.KDF, e.Cipher, e.Iterations)}
	}
	dec := base64.StdEncoding.DecodeString
	salt, err1 := dec(e.Salt)
	checkIV, err2 := dec(e.CheckIV)
	check, err3 := dec(e.Check)
	for _, err := range []error{err1, err2, err3} {
		if err != nil {
			return nil, &locales.Error{Code: "export.badContent", Err: err}
		}
	}
	if len(checkIV) != 12 || len(salt) < 8 {
		return nil, &locales.Error{Code: "export.badContent", Err: fmt.Errorf("IVs must be 12 bytes, the salt at least 8")}
	}
	key, err := c.Key(passphrase, salt, e.Iterations)
	if err != nil {
		return nil, &locales.Error{Code: "export.badContent", Err: err}
	}
	if got, err := key.Open(checkIV, check, nil); err != nil || string(got) != checkText {
		return nil, &locales.Error{Code: "export.wrongPassphrase"}
	}
	return key, nil
}

// open decrypts an encrypted envelope's inner file.
func open(c Cipher, env *envelope, passphrase string) ([]byte, error) {
	iv, err1 := base64.StdEncoding.DecodeString(env.Encryption.IV)
	ct, err2 := base64.StdEncoding.DecodeString(env.Ciphertext)
	for _, err := range []error{err1, err2} {
		if err != nil {
			return nil, &locales.Error{Code: "export.badContent", Err: err}
		}
	}
	if len(iv) != 12 {
		return nil, &locales.Error{Code: "export.badContent", Err: fmt.Errorf("the IV must be 12 bytes")}
	}
	key, err := OpenKey(c, env.Encryption, passphrase)
	if err != nil {
		return nil, err
	}
	plain, err := key.Open(iv, ct, nil)
	if err != nil {
		return nil, &locales.Error{Code: "export.badHash", Err: fmt.Errorf("the encrypted content was changed or damaged")}
	}
	return plain, nil
}

func random(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}
