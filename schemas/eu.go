package schemas

import (
	"strings"
)

// euMemberStates are the Member States bound by Regulation (EU) 2023/1543:
// the 27 but Denmark (recital 101).
var euMemberStates = map[string]bool{
	"AT": true, "BE": true, "BG": true, "HR": true, "CY": true, "CZ": true, "EE": true, "FI": true, "FR": true,
	"DE": true, "GR": true, "HU": true, "IE": true, "IT": true, "LV": true, "LT": true, "LU": true, "MT": true,
	"NL": true, "PL": true, "PT": true, "RO": true, "SK": true, "SI": true, "ES": true, "SE": true,
}

// euLanguages are the official languages of the Union (article 9(4): the
// certificate is sent in one of them).
var euLanguages = map[string]bool{
	"bg": true, "hr": true, "cs": true, "da": true, "nl": true, "en": true, "et": true, "fi": true, "fr": true,
	"de": true, "el": true, "hu": true, "ga": true, "it": true, "lv": true, "lt": true, "mt": true, "pl": true,
	"pt": true, "ro": true, "sk": true, "sl": true, "es": true, "sv": true,
}

// certificateLanguages are the official languages of the Union in which
// the fixed text of the certificates exists here.
var certificateLanguages = map[string]bool{"en": true, "fr": true, "es": true}

// euRules checks the European Production and Preservation Order
// Certificates (Regulation (EU) 2023/1543): who may issue and who must
// validate (article 4), where the addressee may be (articles 3(1), 3(2),
// 7), the language (article 9(4)), the notification (article 8) and, for
// a final certificate, its certification (article 9(1)).
func (c *checker) euRules() {
	d := c.draft
	addr := obj(d["addressee"])
	if cc, ok := addr["country"].(string); ok && IsCountry(cc) {
		switch {
		case !euMemberStates[cc]:
			c.add("/addressee/country", "eu.memberState", Error, nil)
		case cc == obj(d["requestingAuthority"])["country"]:
			c.add("/addressee/country", "eu.sameState", Error, nil)
		}
	}
	c.euIssuer()
	c.euLanguage()
	if c.kind.ID == "epoc" && c.euTrafficOrContent() {
		n := obj(d["notification"])
		if n["notified"] != true && n["exception"] != true {
			c.add("/notification/notified", "eu.notify", Error, nil)
		}
	}
}

// euIssuer applies article 4. A production order for traffic data (other
// than data to identify the user) or content data is issued by a judge, a
// court or an investigating judge, or validated by one (4(2)); any other
// order by them or a public prosecutor, or validated by one (4(1), 4(3)).
// In an emergency an order of the second group may be issued without
// prior validation, which must then be sought within 48 hours (4(5)).
func (c *checker) euIssuer() {
	d := c.draft
	issuer, _ := obj(d["requestingAuthority"])["type"].(string)
	if issuer == "" {
		return
	}
	judgeOnly := c.kind.ID == "epoc" && c.euTrafficOrContent()
	may := func(t string) bool { return t == "court" || !judgeOnly && t == "prosecutor" }
	if may(issuer) {
		return
	}
	em := obj(d["emergency"])
	val, hasVal := d["validatingAuthority"].(map[string]any)
	switch {
	case hasVal:
		if t, ok := val["type"].(string); ok && !may(t) {
			c.add("/validatingAuthority/type", "eu.validation.judge", Error, nil)
		}
	case em["emergency"] == true && em["withoutPriorValidation"] == true && !judgeOnly:
		c.add("/validatingAuthority", "eu.validation.expost", Warning, nil)
	case em["emergency"] == true && em["withoutPriorValidation"] == true:
		c.add("/emergency/withoutPriorValidation", "eu.validation.noEmergency", Error, nil)
	case judgeOnly:
		c.add("/validatingAuthority", "eu.validation.judge", Error, nil)
	default:
		c.add("/validatingAuthority", "eu.validation.required", Error, nil)
	}
}

// euLanguage: the certificate goes in an official language of the Union
// (its own language or its translation's); the fixed text exists here in
// English, French and Spanish only.
func (c *checker) euLanguage() {
	base := func(tag any) string {
		s, _ := tag.(string)
		b, _, _ := strings.Cut(strings.ToLower(s), "-")
		return b
	}
	lang, tr := base(c.draft["language"]), base(c.draft["translationLanguage"])
	switch {
	case lang == "":
	case !euLanguages[lang] && !euLanguages[tr]:
		c.add("/translationLanguage", "eu.language", Error, nil)
	case !certificateLanguages[lang] && euLanguages[lang]:
		c.add("/language", "eu.languageUnavailable", Warning, map[string]any{"language": lang})
	}
}

// euFinal: the certificate is signed and certified accurate and correct
// (article 9(1)).
func (c *checker) euFinal() {
	if c.draft["certification"] != true {
		c.add("/certification", "eu.certify", Error, nil)
	}
}
