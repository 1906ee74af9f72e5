package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidraft/evidraft/site"
)

func runBuild(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "dist", "output directory: the hosted site goes to DIR/site, the single file to DIR/evidraft.html")
	var allowed originList
	fs.Var(&allowed, "allow-origin", "an origin (https://portal.example) allowed to drive the site in an iframe through postMessage; repeatable")
	extra := extraFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: evidraft build [-o dist] [--allow-origin ORIGIN]... [--extra DIR]\n\nBuilds the hosted site into DIR/site and the single file DIR/evidraft.html; run it inside the evidraft module, whose ./wasm it compiles.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usageError(fs, stderr, err, "build takes no arguments")
	}
	dir, err := buildSite(*out, *extra, allowed...)
	if err != nil {
		fmt.Fprintf(stderr, "evidraft: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "built %s and %s\n", dir, filepath.Join(filepath.Dir(dir), "evidraft.html"))
	return exitOK
}

func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default)")
	out := fs.String("o", "dist", "output directory of the build")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: evidraft serve [-addr 127.0.0.1:8080] [-o dist]\n\nBuilds the site and serves DIR/site with the headers it needs.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usageError(fs, stderr, err, "serve takes no arguments")
	}
	dir, err := buildSite(*out, "")
	if err != nil {
		fmt.Fprintf(stderr, "evidraft: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stdout, "evidraft: serving %s on http://%s/\n", dir, *addr)
	if err := http.ListenAndServe(*addr, site.Handler(dir)); err != nil {
		fmt.Fprintf(stderr, "evidraft: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// buildSite builds the hosted site under out/site; it must run inside the
// evidraft module, whose ./wasm it compiles.
func buildSite(out, extra string, allowed ...string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(out, "site"), site.Build(out, site.Options{Root: root, Version: version(), AllowedOrigins: allowed, Extra: extra})
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "wasm", "main.go")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("build and serve run inside the evidraft source tree (they compile ./wasm)")
		}
		dir = parent
	}
}

func version() string {
	if v := os.Getenv("EVIDRAFT_VERSION"); v != "" {
		return v
	}
	return "dev"
}

// originList collects --allow-origin values, each an exact origin.
type originList []string

func (o *originList) String() string { return strings.Join(*o, " ") }

func (o *originList) Set(v string) error {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return fmt.Errorf("%q is not an origin such as https://portal.example", v)
	}
	// As the page itself accepts (site/js/embed.js): an origin in clear
	// could be anyone on the network, except this machine's own.
	if h := u.Hostname(); u.Scheme == "http" && h != "localhost" && h != "127.0.0.1" {
		return fmt.Errorf("%q is not https: only https: origins, or http://localhost for development, may drive the site", v)
	}
	*o = append(*o, u.Scheme+"://"+u.Host)
	return nil
}
