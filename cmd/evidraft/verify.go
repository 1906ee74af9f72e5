package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/schemas/export"
)

// runVerify checks an export file: envelope, checksum, decryption, and
// every draft in it.
func runVerify(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := langFlag(fs)
	passFile := fs.String("passphrase-file", "", "file whose first line is the passphrase of an encrypted export")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: evidraft verify [--lang TAG] [--passphrase-file FILE] FILE.evidraft.json\n\nChecks an export file (format, checksum, passphrase) and validates every draft in it. Exit 0 when the file is undamaged, 2 when it cannot be read. The checksum of a plain export detects damage, not forgery: anyone can change the file and recompute it. An encrypted export is authenticated by its passphrase (AES-GCM).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return usageError(fs, stderr, err, "verify needs exactly one FILE")
	}
	loc := localizer(*lang)
	c, encrypted, code := readExport(fs.Arg(0), *passFile, stdin, stderr, loc)
	if c == nil {
		return code
	}
	fmt.Fprintf(stdout, "%s: %s, %d draft(s), written by evidraft %s on %s\n", displayName(fs.Arg(0)), export.Format, len(c.Records), c.App, c.Created)
	// The checksum of a plain export detects damage, not forgery: it has
	// no key. Only the passphrase of an encrypted one authenticates it.
	if encrypted {
		fmt.Fprintln(stdout, loc.Text("cli.verify.encrypted"))
	} else {
		fmt.Fprintln(stdout, loc.Text("cli.verify.plain"))
	}
	for _, r := range c.Records {
		res, err := schemas.Validate(r.Body, schemas.Options{Lang: loc.Tag(), Now: clock()})
		title := r.Title
		if title == "" {
			title = r.ID
		}
		switch {
		case err != nil:
			fmt.Fprintf(stdout, "  %s (%s): %s\n", title, r.Kind, loc.Error(err))
		default:
			var errs, warns int
			for _, f := range res.Findings {
				if f.Severity == schemas.Error {
					errs++
				} else {
					warns++
				}
			}
			fmt.Fprintf(stdout, "  %s (%s, %s, revision %d, %d kept): %s, %s\n", title, r.Kind, r.Status, r.Revision, len(r.Revisions),
				loc.Message("cli.errors", map[string]any{"N": errs}), loc.Message("cli.warnings", map[string]any{"N": warns}))
		}
	}
	return exitOK
}

// runDecrypt writes the plain export inside an encrypted one.
func runDecrypt(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return crypt("decrypt", args, stdin, stdout, stderr)
}

// runEncrypt protects an export file with a passphrase.
func runEncrypt(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return crypt("encrypt", args, stdin, stdout, stderr)
}

func crypt(name string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := langFlag(fs)
	passFile := fs.String("passphrase-file", "", "file whose first line is the passphrase (required)")
	out := fs.String("o", "", "write to this file instead of standard output")
	fs.Usage = func() {
		what := "Protects an export file with a passphrase (PBKDF2-SHA-256, then AES-GCM-256); a lost passphrase means lost drafts."
		if name == "decrypt" {
			what = "Writes the plain export inside an export file protected with a passphrase."
		}
		fmt.Fprintf(stderr, "Usage: evidraft %s --passphrase-file FILE [--lang TAG] [-o FILE] FILE.evidraft.json\n\n%s FILE - reads standard input.\n", name, what)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 || *passFile == "" {
		return usageError(fs, stderr, err, name+" needs --passphrase-file and exactly one FILE")
	}
	loc := localizer(*lang)
	pass, err := passphrase(*passFile)
	if err != nil {
		fmt.Fprintf(stderr, "evidraft: %v\n", err)
		return exitUsage
	}
	data, err := readAll(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "evidraft: %v\n", err)
		return exitUsage
	}
	var result []byte
	if name == "encrypt" {
		if export.ShortPassphrase(pass) {
			fmt.Fprintf(stderr, "evidraft: %s\n", loc.Message("ui.export.tooShort", nil))
			return exitUsage
		}
		if _, err := export.Unmarshal(data, ""); err != nil {
			fmt.Fprintf(stderr, "evidraft: %s: %s\n", displayName(fs.Arg(0)), loc.Error(err))
			return exitUsage
		}
		result, err = export.Seal(data, pass)
	} else {
		var c *export.Content
		if c, err = export.Unmarshal(data, pass); err == nil {
			result, err = export.Marshal(*c)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "evidraft: %s: %s\n", displayName(fs.Arg(0)), loc.Error(err))
		return exitUsage
	}
	if *out == "" {
		stdout.Write(result)
		return exitOK
	}
	if err := os.WriteFile(*out, result, 0o600); err != nil {
		fmt.Fprintf(stderr, "evidraft: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// readExport reads and opens an export file, and reports whether it was
// encrypted.
func readExport(name, passFile string, stdin io.Reader, stderr io.Writer, loc *locales.Localizer) (*export.Content, bool, int) {
	data, err := readAll(name, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "evidraft: %v\n", err)
		return nil, false, exitUsage
	}
	pass := ""
	if passFile != "" {
		if pass, err = passphrase(passFile); err != nil {
			fmt.Fprintf(stderr, "evidraft: %v\n", err)
			return nil, false, exitUsage
		}
	}
	c, err := export.Unmarshal(data, pass)
	if err != nil {
		fmt.Fprintf(stderr, "evidraft: %s: %s\n", displayName(name), loc.Error(err))
		return nil, false, exitUsage
	}
	return c, c.Encrypted, exitOK
}

func readAll(name string, stdin io.Reader) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(io.LimitReader(stdin, 256<<20))
	}
	return os.ReadFile(name)
}

// passphrase reads the first line of a file, so that it never appears in
// the process list or the shell history.
func passphrase(file string) (string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	line = strings.TrimRight(line, "\r")
	if line == "" {
		return "", fmt.Errorf("%s: the passphrase is empty", file)
	}
	return line, nil
}
