package render

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/schemas"
)

func example(t *testing.T, kind string) []byte {
	t.Helper()
	b, err := schemas.Example(kind)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func render(t *testing.T, draft []byte, opts Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, draft, opts); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// Every kind prints in every language: heading, numbered sections in the
// task-list order, the legal basis cited in full and the signature block.
func TestRenderEveryKind(t *testing.T) {
	for _, kind := range schemas.KindIDs() {
		for _, tag := range []language.Tag{language.English, language.Arabic, language.French, language.Russian, language.Spanish, language.Chinese} {
			html := render(t, example(t, kind), Options{Lang: tag, Standalone: true})
			dir := "ltr"
			if tag == language.Arabic {
				dir = "rtl"
			}
			if !strings.Contains(html, `<html lang="`+tag.String()+`" dir="`+dir+`">`) {
				t.Errorf("%s %s: no html lang/dir", kind, tag)
			}
			// Sections are numbered 1, 2, 3... in the language's digits.
			nums := regexp.MustCompile(`evd-print__section-title">(\p{Nd}+)\. `).FindAllStringSubmatch(html, -1)
			if len(nums) < 5 {
				t.Errorf("%s %s: %d sections", kind, tag, len(nums))
			}
			for i, n := range nums {
				if want := locales.For(tag).Message("print.section", map[string]any{"N": i + 1, "Title": ""}); n[1]+". " != want {
					t.Errorf("%s %s: section %d numbered %q, want %q", kind, tag, i+1, n[1], want)
				}
			}
			if !strings.Contains(html, "evd-print__sign-line") || !strings.Contains(html, "<style>") {
				t.Errorf("%s %s: no signature block or style", kind, tag)
			}
		}
	}
	en := render(t, example(t, "preservation"), Options{Lang: language.English})
	for _, want := range []string{
		"This request is made under the following instruments and provisions:",
		"United Nations Convention against Cybercrime (2024)",
		"Done at ",
		"CONFIDENTIAL",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("preservation in English lacks %q", want)
		}
	}
	if strings.Contains(en, "<html") {
		t.Error("a fragment was asked for, got a document")
	}
}

// Two languages side by side, each column in its own language and
// direction.
func TestRenderBilingual(t *testing.T) {
	html := render(t, example(t, "mla"), Options{Lang: language.French, Second: language.Arabic, Standalone: true})
	if !strings.Contains(html, `class="evd-print__columns"`) ||
		!strings.Contains(html, `<article class="evd-print" lang="fr" dir="ltr">`) ||
		!strings.Contains(html, `<article class="evd-print" lang="ar" dir="rtl">`) {
		t.Error("no two-column layout with fr and ar articles")
	}
}

// What the user typed is escaped; hidden answers are not printed.
func TestRenderHostile(t *testing.T) {
	draft := strings.Replace(string(example(t, "preservation")), `"facts": "`, `"facts": "<script>alert(1)</script> \u202e `, 1)
	html := render(t, []byte(draft), Options{Lang: language.English})
	if strings.Contains(html, "<script>") || !strings.Contains(html, "&lt;script&gt;") {
		t.Error("user text is not escaped")
	}
	draft = strings.Replace(string(example(t, "preservation")), `"type": "network247"`, `"type": "centralAuthority"`, 1)
	if !strings.Contains(draft, `"centralAuthority"`) || !strings.Contains(draft, `"contact247"`) {
		t.Fatal("the example no longer has a 24/7 channel with its contact")
	}
	html = render(t, []byte(draft), Options{Lang: language.English})
	if strings.Contains(html, ">24/7 point of contact<") {
		t.Error("a hidden answer (the 24/7 contact of a non-24/7 channel) was printed")
	}
}

// The request language defaults to the draft's own.
func TestRenderDraftLanguage(t *testing.T) {
	draft := strings.Replace(string(example(t, "stored-data")), `"language": "en"`, `"language": "es"`, 1)
	if !strings.Contains(draft, `"language": "es"`) {
		t.Skip("example is not in English")
	}
	html := render(t, []byte(draft), Options{})
	if !strings.Contains(html, `lang="es"`) {
		t.Error("did not print in the draft's language")
	}
}

// TestWriteSamples writes the printed request of every kind to
// testdata/ when EVIDRAFT_SAMPLES is set, for looking at them.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("EVIDRAFT_SAMPLES")
	if dir == "" {
		t.Skip("set EVIDRAFT_SAMPLES=DIR to write sample documents")
	}
	for _, kind := range schemas.KindIDs() {
		os.WriteFile(filepath.Join(dir, kind+".html"), []byte(render(t, example(t, kind), Options{Standalone: true})), 0o644)
	}
}

func TestCapText(t *testing.T) {
	loc := locales.For(language.French)
	if got := capText("court", 10, loc); got != "court" {
		t.Errorf("short answer changed: %q", got)
	}
	long := strings.Repeat("é", 25)
	got := capText(long, 10, loc)
	if !strings.HasPrefix(got, strings.Repeat("é", 10)+"\n") || !strings.Contains(got, "15 caractères supplémentaires") {
		t.Errorf("capText = %q", got)
	}
}

// The template the writer replaced, kept as the reference its output must
// equal byte for byte.
var referenceTemplate = template.Must(template.New("page").Parse(`{{define "page"}}{{if .Standalone}}<!doctype html>
<html lang="{{.Lang}}" dir="{{.Dir}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>{{.CSS}}</style>
</head>
<body class="evd-print-page">
{{end}}{{if gt (len .Docs) 1}}<div class="evd-print__columns">{{range .Docs}}{{template "doc" .}}{{end}}</div>{{else}}{{range .Docs}}{{template "doc" .}}{{end}}{{end}}{{if .Standalone}}
</body>
</html>
{{end}}{{end}}

{{define "doc"}}<article class="evd-print" lang="{{.Lang}}" dir="{{.Dir}}">
<header class="evd-print__header">
<h1 class="evd-print__heading">{{.Heading}}</h1>
<p class="evd-print__kind">{{.Kind}}</p>
{{with .Reference}}<p class="evd-print__meta">{{.}}</p>{{end}}
{{with .Date}}<p class="evd-print__meta">{{.}}</p>{{end}}
{{with .Urgent}}<p class="evd-print__notice">{{.}}</p>{{end}}
{{with .Confidential}}<p class="evd-print__notice">{{.}}</p>{{end}}
</header>
{{range .Sections}}<section class="evd-print__section">
<h2 class="evd-print__section-title">{{.Title}}</h2>
{{with .Intro}}<p class="evd-print__intro">{{.}}</p>{{end}}
{{template "fields" .Fields}}
</section>
{{end}}<footer class="evd-print__signature">
{{with .SignedAt}}<p>{{.}}</p>{{end}}
<p class="evd-print__sign-line">{{range $i, $s := .Signer}}{{if $i}}<br>{{end}}<bdi>{{$s}}</bdi>{{end}}</p>
</footer>
</article>
{{end}}

{{define "fields"}}<dl class="evd-print__list">
{{range .}}{{$f := .}}<dt class="evd-print__term">{{.Label}}</dt>
{{if .Fields}}<dd class="evd-print__value">{{template "fields" .Fields}}</dd>
{{else if .Items}}<dd class="evd-print__value">{{range .Items}}<div class="evd-print__item"><h3 class="evd-print__item-title">{{.Title}}</h3>{{template "fields" .Fields}}</div>{{end}}</dd>
{{else if .Texts}}<dd class="evd-print__value">{{range $i, $t := .Texts}}{{if $i}}<br>{{end}}<bdi{{if $f.LTR}} dir="ltr"{{end}}>{{$t}}</bdi>{{end}}</dd>
{{else}}<dd class="evd-print__value"><bdi{{if .LTR}} dir="ltr"{{end}}>{{.Text}}</bdi></dd>
{{end}}{{end}}</dl>{{end}}
`))

// TestWriterMatchesTemplate: the hand-written writer gives exactly what
// html/template gave, for every kind in every language, alone and side by
// side, fragment and whole page, and for hostile text.
func TestWriterMatchesTemplate(t *testing.T) {
	tags := []language.Tag{language.English, language.Arabic, language.French, language.Russian, language.Spanish, language.Chinese}
	var drafts [][]byte
	for _, kind := range schemas.KindIDs() {
		drafts = append(drafts, example(t, kind))
	}
	hostile := strings.NewReplacer(`"Lyon`, `"<script>alert('x')</script> a+b & \"q\" \u0000 \u202e`).Replace(string(example(t, "preservation")))
	drafts = append(drafts, []byte(hostile))
	n := 0
	for _, d := range drafts {
		v, err := schemas.ReadDraft(d)
		if err != nil {
			t.Fatal(err)
		}
		for i, tag := range tags {
			first, err := document(v, tag)
			if err != nil {
				t.Fatal(err)
			}
			second, _ := document(v, tags[(i+1)%len(tags)])
			for _, docs := range [][]*docView{{first}, {first, second}} {
				for _, standalone := range []bool{false, true} {
					p := pageView{Lang: first.Lang, Dir: first.Dir, Title: first.Kind + " <&>+'\"", Docs: docs, Standalone: standalone, CSS: css}
					var got, want bytes.Buffer
					if err := p.write(&got); err != nil {
						t.Fatal(err)
					}
					ref := struct {
						pageView
						CSS template.CSS
					}{p, template.CSS(p.CSS)}
					if err := referenceTemplate.ExecuteTemplate(&want, "page", ref); err != nil {
						t.Fatal(err)
					}
					if got.String() != want.String() {
						t.Fatalf("%s standalone %v, %d docs: writer and template differ\nwriter:   %.300q\ntemplate: %.300q", tag, standalone, len(docs), firstDiff(got.String(), want.String()), firstDiff(want.String(), got.String()))
					}
					n++
				}
			}
		}
	}
	t.Logf("%d pages compared", n)
}

// firstDiff returns a from a little before where it first differs from b.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[max(0, i-80):]
}
