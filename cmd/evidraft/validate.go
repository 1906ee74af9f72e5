package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

// fileResult is the JSON output for one file.
type fileResult struct {
	File     string            `json:"file"`
	Kind     string            `json:"kind"`
	Valid    bool              `json:"valid"`
	Findings []schemas.Finding `json:"findings"`
}

func runValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := langFlag(fs)
	final := fs.Bool("final", false, "check the draft as a finished request (signature required)")
	format := fs.String("format", "text", "output format: text for people, json for programs")
	extra := extraFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: evidraft validate [--lang TAG] [--final] [--format text|json] [--extra DIR] FILE...\n\nChecks drafts; FILE - reads standard input. Exit 0 valid, 1 invalid, 2 usage or unreadable input.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		return usageError(fs, stderr, err, "validate needs at least one FILE (or - for standard input)")
	}
	if *format != "text" && *format != "json" {
		return usageError(fs, stderr, nil, fmt.Sprintf("unknown --format %q: use text or json", *format))
	}
	if err := loadExtra(*extra); err != nil { // before the localizer: it adds messages
		fmt.Fprintf(stderr, "evidraft: --extra: %v\n", err)
		return exitUsage
	}
	loc := localizer(*lang)
	opts := schemas.Options{Lang: loc.Tag(), Now: clock()}
	if *final {
		opts.Mode = schemas.Final
	}
	code := exitOK
	var results []fileResult
	for i, out := range validateAll(fs.Args(), stdin, opts) {
		name, res, err := fs.Args()[i], out.res, out.err
		if err != nil {
			fmt.Fprintf(stderr, "evidraft: %s: %s\n", displayName(name), loc.Error(err))
			code = exitUsage
			continue
		}
		if !res.Valid && code == exitOK {
			code = exitInvalid
		}
		results = append(results, fileResult{File: displayName(name), Kind: res.Kind, Valid: res.Valid, Findings: res.Findings})
	}
	if *format == "json" {
		writeJSON(stdout, results, len(fs.Args()) > 1)
	} else {
		for _, r := range results {
			writeText(stdout, r, loc)
		}
	}
	return code
}

type outcome struct {
	res *schemas.Result
	err error
}

// validateAll validates the files on every core, each file's outcome at
// its index. Standard input is read first, in order, so that a second
// "-" reads what is left, as it would one file after the other.
func validateAll(names []string, stdin io.Reader, opts schemas.Options) []outcome {
	out := make([]outcome, len(names))
	data := make([][]byte, len(names))
	for i, name := range names {
		if name == "-" {
			var err error
			data[i], err = io.ReadAll(io.LimitReader(stdin, schemas.MaxDraftSize+1))
			out[i].err = unreadable(err)
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = validateOne(names[i], data[i], out[i].err, opts)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// validateOne validates a file, or the standard input already read.
func validateOne(name string, data []byte, err error, opts schemas.Options) outcome {
	if name != "-" {
		data, err = readLimited(name)
	}
	if err != nil {
		return outcome{err: err}
	}
	res, err := schemas.Validate(data, opts)
	return outcome{res, err}
}

func readLimited(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, unreadable(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, schemas.MaxDraftSize+1))
	return data, unreadable(err)
}

func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// unreadable is a file that cannot be read, as the user is told it (by
// locales.Localizer.Error, which gives every error the message the page
// gives it).
func unreadable(err error) error {
	if err == nil {
		return nil
	}
	return &locales.Error{Code: "cli.unreadable", Params: map[string]any{"Detail": err.Error()}, Err: err}
}

func writeJSON(w io.Writer, results []fileResult, many bool) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if many {
		if results == nil {
			results = []fileResult{}
		}
		enc.Encode(results)
		return
	}
	if len(results) == 1 {
		enc.Encode(results[0])
	}
}

func writeText(w io.Writer, r fileResult, loc *locales.Localizer) {
	k, _ := schemas.KindByID(r.Kind)
	var errs, warns int
	for _, f := range r.Findings {
		if f.Severity == schemas.Error {
			errs++
		} else {
			warns++
		}
	}
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, loc.Message("cli.valid", map[string]any{"File": r.File, "Kind": loc.Text(k.Title)}))
		return
	}
	fmt.Fprintln(w, loc.Message("cli.summary", map[string]any{
		"File":     r.File,
		"Errors":   loc.Message("cli.errors", map[string]any{"N": errs}),
		"Warnings": loc.Message("cli.warnings", map[string]any{"N": warns}),
	}))
	for _, f := range r.Findings {
		fmt.Fprintln(w, "  "+loc.Message("cli.finding", map[string]any{
			"Severity": loc.Message("cli.severity."+f.Severity.String(), nil),
			"Message":  f.Message,
			"Pointer":  f.Pointer,
		}))
	}
}
