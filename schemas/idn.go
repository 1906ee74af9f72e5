package schemas

import (
	"errors"
	"net/netip"
	"strings"
	"unicode"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// idnFormats adds the internationalised formats jsonschema v6 does not
// implement (it would silently accept anything): officials write to
// providers whose addresses and domains use non-Latin scripts.
func idnFormats() []*jsonschema.Format {
	return []*jsonschema.Format{
		{Name: "idn-email", Validate: stringFormat(checkIDNEmail)},
		{Name: "idn-hostname", Validate: stringFormat(checkIDNHostname)},
	}
}

func stringFormat(check func(string) error) func(any) error {
	return func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		return check(s)
	}
}

// checkIDNHostname accepts a domain name of labels of letters (any
// script), digits and inner hyphens, as RFC 5890 allows after mapping.
func checkIDNHostname(s string) error {
	s = strings.TrimSuffix(s, ".")
	if s == "" || len(s) > 253 {
		return errors.New("not a domain name")
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return errors.New("invalid label")
		}
		for _, r := range label {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
				return errors.New("invalid character in domain")
			}
		}
	}
	return nil
}

// checkIDNEmail accepts local@domain where the local part is printable
// with no spaces (RFC 6531 allows non-ASCII) and the domain is a host name
// or a bracketed IP address.
func checkIDNEmail(s string) error {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at > 64 || len(s) > 254 {
		return errors.New("not an e-mail address")
	}
	local, domain := s[:at], s[at+1:]
	if strings.HasPrefix(local, ".") || strings.HasSuffix(local, ".") || strings.Contains(local, "..") {
		return errors.New("misplaced dot")
	}
	for _, r := range local {
		if r < 0x80 {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".!#$%&'*+-/=?^_`{|}~", r)) {
				return errors.New("invalid character in local part")
			}
		} else if !unicode.IsPrint(r) || unicode.IsSpace(r) {
			return errors.New("invalid character in local part")
		}
	}
	if ip, ok := strings.CutPrefix(domain, "["); ok {
		ip = strings.TrimSuffix(strings.TrimPrefix(ip, "IPv6:"), "]")
		if _, err := netip.ParseAddr(ip); err != nil {
			return errors.New("invalid address literal")
		}
		return nil
	}
	if !strings.Contains(domain, ".") {
		return errors.New("domain without a dot")
	}
	return checkIDNHostname(domain)
}
