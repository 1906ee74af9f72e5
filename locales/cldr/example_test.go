package cldr_test

import (
	"fmt"
	"time"

	"golang.org/x/text/language"

	"github.com/evidraft/evidraft/locales"
	"github.com/evidraft/evidraft/locales/cldr"
)

func ExampleUse() {
	cldr.Use()
	defer locales.SetWords(nil)

	at := time.Date(2026, 12, 3, 18, 0, 0, 0, time.FixedZone("", 3600))
	for _, lang := range []language.Tag{language.English, language.French} {
		loc := locales.For(lang)
		fmt.Println(loc.DateTime(at), "·", loc.Country("DE"), "·", loc.LanguageName("fr"))
	}
	// Output:
	// 3 December 2026, 18:00 (UTC+01:00) · Germany · French
	// 3 décembre 2026 à 18:00 (UTC+01:00) · Allemagne · français
}
