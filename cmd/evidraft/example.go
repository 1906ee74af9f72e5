package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/evidraft/evidraft/schemas"
)

func runExample(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	at := func(kind string) ([]byte, error) { return schemas.ExampleAt(kind, clock()) }
	return printKindFile("example", "print a complete, valid draft of KIND, dated from today", at, args, stdout, stderr)
}

func runSchema(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	return printKindFile("schema", "print the JSON Schema of KIND", schemas.Schema, args, stdout, stderr)
}

// printKindFile serves the subcommands that print one embedded file of a kind.
func printKindFile(name, summary string, get func(string) ([]byte, error), args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: evidraft %s KIND\n\n%s; KIND is one of: %s\n", name, summary, strings.Join(schemas.KindIDs(), ", "))
	}
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return usageError(fs, stderr, err, name+" takes one KIND")
	}
	data, err := get(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "evidraft: unknown kind %q; known kinds: %s\n", fs.Arg(0), strings.Join(schemas.KindIDs(), ", "))
		return exitUsage
	}
	stdout.Write(data)
	return exitOK
}
