package site

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

var (
	staticImport  = regexp.MustCompile(`(?m)^import\s+(\{[^}]*\}|\*\s+as\s+(\w+))\s+from\s+'([^']+)'\s*;?[ \t]*$`)
	dynamicImport = regexp.MustCompile(`\bimport\('([^']+)'\)`)
	exported      = regexp.MustCompile(`(?m)^export\s+((?:async\s+)?function\*?|class|const|let)\s+(\w+)`)
)

// Bundle joins the site's ES modules, starting from entry, into one
// classic script, for the single-file build (which may not load module
// scripts) and for hashed assets. Each module runs in its own function
// scope, in dependency order, and its exports become an object the
// importing modules read from. It understands only the forms the site
// uses: `import { a, b } from './x.js'`, `import * as m from './x.js'`,
// `import('./x.js')`, and `export` before function, class, const or let.
func Bundle(fsys fs.FS, entry string) (string, error) {
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	sources := map[string]string{}
	var visit func(name string) error
	visit = func(name string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("site: import cycle through %s", name)
		case 2:
			return nil
		}
		state[name] = 1
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		src := string(b)
		sources[name] = src
		for _, m := range staticImport.FindAllStringSubmatch(src, -1) {
			if err := visit(resolve(name, m[3])); err != nil {
				return err
			}
		}
		for _, m := range dynamicImport.FindAllStringSubmatch(src, -1) {
			if err := visit(resolve(name, m[1])); err != nil {
				return err
			}
		}
		state[name] = 2
		order = append(order, name)
		return nil
	}
	if err := visit(entry); err != nil {
		return "", err
	}
	var out strings.Builder
	out.WriteString("(function () {\n'use strict';\nconst __modules = {};\n")
	for _, name := range order {
		src := sources[name]
		src = staticImport.ReplaceAllStringFunc(src, func(s string) string {
			m := staticImport.FindStringSubmatch(s)
			dep := fmt.Sprintf("__modules[%q]", resolve(name, m[3]))
			if m[2] != "" {
				return "const " + m[2] + " = " + dep + ";"
			}
			return "const " + strings.Join(strings.Fields(m[1]), " ") + " = " + dep + ";"
		})
		src = dynamicImport.ReplaceAllStringFunc(src, func(s string) string {
			m := dynamicImport.FindStringSubmatch(s)
			return fmt.Sprintf("Promise.resolve(__modules[%q])", resolve(name, m[1]))
		})
		var names []string
		src = exported.ReplaceAllStringFunc(src, func(s string) string {
			m := exported.FindStringSubmatch(s)
			names = append(names, m[2])
			return m[1] + " " + m[2]
		})
		if strings.Contains(src, "\nexport ") || strings.HasPrefix(src, "export ") {
			return "", fmt.Errorf("site: %s: an export form Bundle does not understand", name)
		}
		fmt.Fprintf(&out, "// %s\n__modules[%q] = (function () {\n%s\nreturn { %s };\n})();\n", name, name, src, strings.Join(names, ", "))
	}
	out.WriteString("})();\n")
	return out.String(), nil
}

func resolve(from, spec string) string {
	return path.Clean(path.Join(path.Dir(from), spec))
}
