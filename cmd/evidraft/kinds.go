package main

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/evidraft/evidraft/schemas"
)

func runKinds(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("kinds", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lang := langFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: evidraft kinds [--lang TAG]\n\nLists the request kinds: id, title and the articles they rest on.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usageError(fs, stderr, err, "kinds takes no arguments")
	}
	loc := localizer(*lang)
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, k := range schemas.Kinds() {
		fmt.Fprintf(tw, "%s\t%s\t(%s)\n", k.ID, loc.Text(k.Title), k.Articles)
	}
	tw.Flush()
	return exitOK
}
