// Command evidraft drafts and checks cross-border requests to preserve and
// disclose electronic evidence.
//
// Usage:
//
//	evidraft kinds [--lang TAG]
//	evidraft example KIND
//	evidraft schema KIND
//	evidraft validate [--lang TAG] [--final] [--format text|json] [--extra DIR] FILE...
//	evidraft render [--lang TAG] [--second TAG] [--final] [--extra DIR] [-o FILE] FILE
//	evidraft verify [--lang TAG] [--passphrase-file FILE] FILE.evidraft.json
//	evidraft encrypt --passphrase-file FILE [--lang TAG] [-o FILE] FILE.evidraft.json
//	evidraft decrypt --passphrase-file FILE [--lang TAG] [-o FILE] FILE.evidraft.json
//	evidraft build [-o dist] [--allow-origin ORIGIN]... [--extra DIR]
//	evidraft serve [-addr 127.0.0.1:8080] [-o dist]
//
// FILE - reads standard input. Exit status: 0 when every draft is valid
// (for verify, encrypt and decrypt: when the export file could be read),
// 1 when a draft is not, 2 on a usage error or unreadable input.
package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/evidraft/evidraft/locales/cldr"
)

// clock is where every command takes "now" from: validation compares
// deadlines and time ranges with it, and examples are dated from it.
// Tests set it to a fixed time.
var clock = time.Now

func main() {
	cldr.Use() // dates, countries and languages written out, not as codes
	log.SetFlags(0)
	log.SetPrefix("evidraft: ")
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

type command struct {
	name    string
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"kinds", "list the request kinds with their titles", runKinds},
		{"example", "print a complete, valid draft of a kind", runExample},
		{"schema", "print the JSON Schema of a kind", runSchema},
		{"validate", "check drafts and report findings", runValidate},
		{"render", "write the printed request as HTML", runRender},
		{"verify", "check an export file and the drafts in it", runVerify},
		{"encrypt", "protect an export file with a passphrase", runEncrypt},
		{"decrypt", "write the plain export inside a protected one", runDecrypt},
		{"build", "build the hosted site into dist/site", runBuild},
		{"serve", "build the site and serve it on 127.0.0.1:8080", runServe},
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdin, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "evidraft: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "evidraft drafts and checks requests to preserve and disclose electronic evidence.")
	fmt.Fprintln(w, "\nUsage: evidraft COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun evidraft COMMAND -h for the flags of a command.")
}
