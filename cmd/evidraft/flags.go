package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
	"github.com/evidraft/evidraft/site"
	"golang.org/x/text/language"
)

// langFlag adds --lang, defaulting to the language of the environment.
func langFlag(fs *flag.FlagSet) *string {
	return fs.String("lang", "", "language of messages, a BCP 47 tag such as en, fr or ar (default: from LC_ALL, LC_MESSAGES or LANG)")
}

// localizer returns the localizer for a --lang value, or for the
// environment's language when it is empty.
func localizer(lang string) *locales.Localizer {
	if lang == "" {
		lang = envLanguage()
	}
	return locales.For(locales.Match(lang))
}

// usageError reports a usage problem and returns the usage exit code.
func usageError(fs *flag.FlagSet, stderr io.Writer, err error, msg string) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err == nil {
		fmt.Fprintf(stderr, "evidraft: %s\n", msg)
		fs.Usage()
	}
	return exitUsage
}

// envLanguage reads the POSIX locale variables, turning fr_FR.UTF-8 into fr-FR.
func envLanguage() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		s := os.Getenv(v)
		if s == "" || s == "C" || s == "POSIX" {
			continue
		}
		s, _, _ = strings.Cut(s, ".")
		s, _, _ = strings.Cut(s, "@")
		s = strings.ReplaceAll(s, "_", "-")
		if _, err := language.Parse(s); err == nil {
			return s
		}
	}
	return "en"
}

// extraFlag adds --extra, a folder of a portal's own request kinds.
func extraFlag(fs *flag.FlagSet) *string {
	return fs.String("extra", "", "folder with the portal's own request kinds: <id>.schema.json, <id>.example.json, locales/<tag>/*.gotext.json")
}

// loadExtra adds the kinds of an --extra folder.
func loadExtra(dir string) error {
	if dir == "" {
		return nil
	}
	files, err := site.ReadExtra(dir)
	if err != nil {
		return err
	}
	_, err = schemas.LoadExtra(files)
	return err
}
