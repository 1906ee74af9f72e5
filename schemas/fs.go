package schemas

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
)

//go:embed *.schema.json examples/*.json
var files embed.FS

// BaseURL is the prefix of every schema $id; nothing outside it is loaded.
const BaseURL = "https://schemas.evidraft.org/v1/"

// SchemaVersion is the version of the request format drafts are written in.
const SchemaVersion = 1

// ErrUnknownKind reports a kind id that is not one of Kinds.
var ErrUnknownKind = errors.New("schemas: unknown request kind")

// kindIDs lists the request kinds in the order the instruments list them.
var kindIDs = []string{"preservation", "traffic-disclosure", "stored-data", "mla", "realtime-traffic", "interception", "emergency", "epoc-pr", "epoc", "domain-registration", "subscriber-order"}

// FS returns the embedded schema documents and examples.
func FS() fs.FS { return files }

// KindIDs returns the ids of every request kind.
func KindIDs() []string { return append([]string(nil), kindIDs...) }

// Schema returns the schema document of kind, as stored.
func Schema(kind string) ([]byte, error) {
	if !isKind(kind) {
		return nil, fmt.Errorf("%w %q", ErrUnknownKind, kind)
	}
	return readFile(kindFile(kind))
}

// Example returns a complete, valid draft of kind that users copy.
func Example(kind string) ([]byte, error) {
	if !isKind(kind) {
		return nil, fmt.Errorf("%w %q", ErrUnknownKind, kind)
	}
	if ex, ok := extraExamples[kind]; ok {
		return ex, nil
	}
	return files.ReadFile("examples/" + kind + ".json")
}

func isKind(kind string) bool {
	for _, k := range kindIDs {
		if k == kind {
			return true
		}
	}
	return false
}

// fileOf maps a schema URL under BaseURL to its embedded file name.
func fileOf(url string) (string, error) {
	url, _, _ = strings.Cut(url, "#")
	name, ok := strings.CutPrefix(url, BaseURL)
	if !ok || strings.Contains(strings.TrimPrefix(name, "extra/"), "/") || !strings.HasSuffix(name, ".schema.json") {
		return "", fmt.Errorf("schemas: refusing to load %q: only %s* is allowed, nothing is fetched", url, BaseURL)
	}
	return name, nil
}
