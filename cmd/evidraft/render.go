package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas/render"
)

func runRender(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := fs.String("lang", "", "language of the request, a BCP 47 tag (default: the draft's \"language\")")
	second := fs.String("second", "", "a second language, printed in a column beside the first")
	out := fs.String("o", "", "write the HTML to this file instead of standard output")
	final := fs.Bool("final", false, "the request is final: print it without the draft mark if it passes the final check")
	extra := extraFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: evidraft render [--lang TAG] [--second TAG] [--final] [--extra DIR] [-o FILE] FILE\n\nWrites the printed request as one HTML file; open it in a browser and print it or save it as PDF. Without --final, or when the request does not pass the final check, every page is marked as a draft. FILE - reads standard input.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return usageError(fs, stderr, err, "render needs exactly one FILE (or - for standard input)")
	}
	if err := loadExtra(*extra); err != nil {
		fmt.Fprintf(stderr, "evidraft: --extra: %v\n", err)
		return exitUsage
	}
	name := fs.Arg(0)
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(stdin)
		err = unreadable(err)
	} else {
		data, err = readLimited(name)
	}
	loc := localizer(*lang)
	if err != nil {
		fmt.Fprintf(stderr, "evidraft: %s: %s\n", displayName(name), loc.Error(err))
		return exitUsage
	}
	opts := render.Options{Standalone: true, Final: *final, Now: clock()}
	if *lang != "" {
		opts.Lang = locales.Match(*lang)
	}
	if *second != "" {
		opts.Second = locales.Match(*second)
	}
	var buf bytes.Buffer
	if err := render.Render(&buf, data, opts); err != nil {
		fmt.Fprintf(stderr, "evidraft: %s: %s\n", displayName(name), loc.Error(err))
		return exitUsage
	}
	if *out == "" {
		stdout.Write(buf.Bytes())
		return exitOK
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(stderr, "evidraft: %v\n", err)
		return exitUsage
	}
	return exitOK
}
