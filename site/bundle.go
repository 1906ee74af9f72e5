package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// strict opens every script Bundle makes: the sources are ES modules,
// which are strict, and a classic script is not unless it says so.
const strict = "\"use strict\";\n"

// Bundle builds each entry module of fsys, with every module it imports
// (statically or with import()), into one classic script: an IIFE that
// leaves no global behind, for the single-file build (which may not load
// module scripts) and for hashed assets. It returns the scripts in the
// order of entries. esbuild parses every form of the language, so the
// sources stay plain ES modules that a browser reads unbuilt; an error
// names the file and line. Imports must be relative paths to files of
// fsys: the site has no packages.
func Bundle(fsys fs.FS, entries ...string) ([][]byte, error) {
	points := make([]api.EntryPoint, len(entries))
	for i, e := range entries {
		points[i] = api.EntryPoint{InputPath: e, OutputPath: strconv.Itoa(i)}
	}
	out, err := build(fsys, nil, api.BuildOptions{
		EntryPointsAdvanced: points,
		Format:              api.FormatIIFE,
		Banner:              map[string]string{"js": strings.TrimSuffix(strict, "\n")},
	})
	if err != nil {
		return nil, err
	}
	scripts := make([][]byte, len(entries))
	for _, f := range out {
		i, err := strconv.Atoi(strings.TrimSuffix(path.Base(f.Path), ".js"))
		if err != nil || i >= len(entries) || scripts[i] != nil {
			return nil, fmt.Errorf("site: esbuild wrote an unexpected file %s", f.Path)
		}
		scripts[i] = f.Contents
	}
	for i, s := range scripts {
		if s == nil {
			return nil, fmt.Errorf("site: esbuild wrote no script for %s", entries[i])
		}
	}
	return scripts, nil
}

// BundleCSS joins the style sheets of fsys named by sheets, in order,
// with the sheets they @import, into one minified sheet. virtual holds
// sheets that are not files of fsys (the printed request's, which
// schemas/render owns), by name. An error names the file and line.
func BundleCSS(fsys fs.FS, sheets []string, virtual map[string]string) ([]byte, error) {
	var imports strings.Builder
	for _, s := range sheets {
		fmt.Fprintf(&imports, "@import %q;\n", s)
	}
	out, err := build(fsys, virtual, api.BuildOptions{
		Stdin:  &api.StdinOptions{Contents: imports.String(), Sourcefile: "index.html", Loader: api.LoaderCSS},
		Outdir: "/",
	})
	if err != nil {
		return nil, err
	}
	if len(out) != 1 {
		return nil, fmt.Errorf("site: esbuild wrote %d style sheets, want 1", len(out))
	}
	return out[0].Contents, nil
}

// build runs esbuild over the files of fsys and virtual, in memory, with
// the options both kinds of bundle share.
func build(fsys fs.FS, virtual map[string]string, opts api.BuildOptions) ([]api.OutputFile, error) {
	opts.Bundle = true
	opts.Write = false
	opts.Platform = api.PlatformBrowser
	opts.Target = api.ESNext // the bundle runs where the sources run, unlowered
	opts.MinifyWhitespace = true
	opts.MinifyIdentifiers = true
	opts.MinifySyntax = true
	opts.LegalComments = api.LegalCommentsNone
	opts.LogLevel = api.LogLevelSilent
	opts.AbsWorkingDir = "/"
	if opts.Outdir == "" {
		opts.Outdir = "/"
	}
	opts.Plugins = []api.Plugin{sourcePlugin(fsys, virtual)}
	r := api.Build(opts)
	// Warnings fail the build too (an unclosed CSS rule, an import that
	// is always undefined): a browser would skip such code silently.
	if ms := append(r.Errors, r.Warnings...); len(ms) > 0 {
		return nil, messages(ms)
	}
	return r.OutputFiles, nil
}

// namespace is where sourcePlugin puts the site's files, so that esbuild
// never looks for them on disk.
const namespace = "site"

// sourcePlugin resolves imports against fsys (and virtual) and loads
// files from there: .js as JavaScript, .css as CSS.
func sourcePlugin(fsys fs.FS, virtual map[string]string) api.Plugin {
	exists := func(name string) bool {
		if _, ok := virtual[name]; ok {
			return true
		}
		st, err := fs.Stat(fsys, name)
		return err == nil && !st.IsDir()
	}
	return api.Plugin{Name: "evidraft", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: ".*"}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			name := args.Path
			if strings.HasPrefix(name, "data:") && args.Kind == api.ResolveCSSURLToken {
				return api.OnResolveResult{Path: name, External: true}, nil
			}
			if args.Kind != api.ResolveEntryPoint && args.Namespace == namespace {
				if !strings.HasPrefix(name, "./") && !strings.HasPrefix(name, "../") {
					return api.OnResolveResult{}, fmt.Errorf("%q is not a relative path to one of the site's files", name)
				}
				name = path.Join(path.Dir(args.Importer), name)
			}
			name = path.Clean(name)
			if !fs.ValidPath(name) || !exists(name) {
				return api.OnResolveResult{}, fmt.Errorf("no file %s in the site", name)
			}
			return api.OnResolveResult{Path: name, Namespace: namespace}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: ".*", Namespace: namespace}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
			var loader api.Loader
			switch path.Ext(args.Path) {
			case ".js":
				loader = api.LoaderJS
			case ".css":
				loader = api.LoaderCSS
			default:
				return api.OnLoadResult{}, fmt.Errorf("%s: only .js and .css files are bundled", args.Path)
			}
			src, ok := virtual[args.Path]
			if !ok {
				b, err := fs.ReadFile(fsys, args.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				src = string(b)
			}
			return api.OnLoadResult{Contents: &src, Loader: loader}, nil
		})
	}}
}

// messages turns esbuild's messages into one error whose lines read
// "site: file:line:column: text" (the column counts from 1).
func messages(ms []api.Message) error {
	var lines []string
	for _, m := range ms {
		where := ""
		if l := m.Location; l != nil {
			where = fmt.Sprintf("%s:%d:%d: ", strings.TrimPrefix(l.File, namespace+":"), l.Line, l.Column+1)
		}
		lines = append(lines, "site: "+where+m.Text)
	}
	return errors.New(strings.Join(lines, "\n"))
}
