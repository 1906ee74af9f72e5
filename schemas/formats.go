package schemas

import (
	"crypto/sha256"
	_ "embed"
	"errors"
	"math/big"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
)

//go:embed zones.txt
var zonesText string

// zones holds the IANA time zone names of the Go release that built us,
// so that checking a zone needs no zoneinfo files (there are none in a
// browser).
var zones = strings.Fields(zonesText)

// customFormats returns the formats our schemas use beyond the standard
// ones, and a stricter date-time.
func customFormats() []*jsonschema.Format {
	return []*jsonschema.Format{
		{Name: "e164", Validate: stringFormat(checkE164)},
		{Name: "imei", Validate: stringFormat(checkIMEI)},
		{Name: "iccid", Validate: stringFormat(checkICCID)},
		{Name: "imsi", Validate: stringFormat(checkIMSI)},
		{Name: "mac", Validate: stringFormat(checkMAC)},
		{Name: "iana-time-zone", Validate: stringFormat(checkTimeZone)},
		{Name: "bcp47", Validate: stringFormat(checkBCP47)},
		{Name: "country", Validate: stringFormat(checkCountry)},
		{Name: "date-time", Validate: stringFormat(checkDateTime)},
		{Name: "btc-address", Validate: stringFormat(checkBitcoin)},
		{Name: "eth-address", Validate: stringFormat(checkEthereum)},
		{Name: "identifier", Validate: stringFormat(checkVisible)},
	}
}

var (
	e164Re     = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)
	digitsRe   = regexp.MustCompile(`^[0-9]+$`)
	macRe      = regexp.MustCompile(`^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){4}$`)
	dateTimeRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$`)
	localRe    = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$`)
	ethRe      = regexp.MustCompile(`^0x[0-9a-fA-F]{40}$`)
)

func checkE164(s string) error {
	if !e164Re.MatchString(s) {
		return errors.New("not an E.164 number")
	}
	return nil
}

// Luhn reports whether a string of digits ends with a valid Luhn check digit.
func Luhn(digits string) bool {
	if !digitsRe.MatchString(digits) {
		return false
	}
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

func checkIMEI(s string) error {
	if len(s) != 15 || !Luhn(s) {
		return errors.New("not an IMEI (15 digits, Luhn check digit)")
	}
	return nil
}

func checkICCID(s string) error {
	if (len(s) != 19 && len(s) != 20) || !Luhn(s) {
		return errors.New("not an ICCID (19 or 20 digits, Luhn check digit)")
	}
	return nil
}

func checkIMSI(s string) error {
	if len(s) < 6 || len(s) > 15 || !digitsRe.MatchString(s) {
		return errors.New("not an IMSI (6 to 15 digits)")
	}
	return nil
}

func checkMAC(s string) error {
	m := macRe.FindStringSubmatch(s)
	if m == nil || strings.Count(s, m[1]) != 5 {
		return errors.New("not an EUI-48 MAC address")
	}
	return nil
}

func checkTimeZone(s string) error {
	if _, ok := slices.BinarySearch(zones, s); !ok {
		return errors.New("not an IANA time zone")
	}
	return nil
}

func checkBCP47(s string) error {
	if strings.Contains(s, "_") {
		return errors.New("BCP 47 tags use hyphens, not underscores")
	}
	if _, err := language.Parse(s); err != nil {
		return errors.New("not a BCP 47 language tag")
	}
	return nil
}

func checkCountry(s string) error {
	if !IsCountry(s) {
		return errors.New("not an ISO 3166-1 alpha-2 code")
	}
	return nil
}

// HasNoOffset reports whether s is a local date and time that lacks only
// its UTC offset, such as 2025-10-25T14:03:07.
func HasNoOffset(s string) bool { return localRe.MatchString(s) }

func checkDateTime(s string) error {
	if HasNoOffset(s) {
		return errors.New("missing UTC offset")
	}
	if !dateTimeRe.MatchString(s) {
		return errors.New("not an RFC 3339 date-time")
	}
	if _, err := time.Parse(time.RFC3339Nano, strings.ToUpper(s)); err != nil {
		return errors.New("not an RFC 3339 date-time")
	}
	return nil
}

func checkEthereum(s string) error {
	// EIP-55 mixed-case checksums need Keccak-256, which the standard
	// library lacks; the shape is checked, not the checksum.
	if !ethRe.MatchString(s) {
		return errors.New("not an Ethereum address")
	}
	return nil
}

func checkBitcoin(s string) error {
	if strings.HasPrefix(strings.ToLower(s), "bc1") {
		return checkBech32(s)
	}
	return checkBase58(s)
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// checkBase58 verifies a legacy (P2PKH, P2SH) address: version 0 or 5,
// 20-byte hash, and the double SHA-256 checksum.
func checkBase58(s string) error {
	if len(s) < 25 || len(s) > 35 || (s[0] != '1' && s[0] != '3') {
		return errors.New("not a Bitcoin address")
	}
	n := new(big.Int)
	for _, r := range s {
		i := strings.IndexRune(base58Alphabet, r)
		if i < 0 {
			return errors.New("invalid base58 character")
		}
		n.Mul(n, big.NewInt(58))
		n.Add(n, big.NewInt(int64(i)))
	}
	b := n.Bytes()
	for _, r := range s { // each leading '1' is a zero byte
		if r != '1' {
			break
		}
		b = append([]byte{0}, b...)
	}
	if len(b) != 25 || (b[0] != 0 && b[0] != 5) {
		return errors.New("not a Bitcoin address")
	}
	h1 := sha256.Sum256(b[:21])
	h2 := sha256.Sum256(h1[:])
	if string(h2[:4]) != string(b[21:]) {
		return errors.New("Bitcoin address checksum mismatch")
	}
	return nil
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// checkBech32 verifies a segwit address (BIP-173 bech32 for version 0,
// BIP-350 bech32m for later versions) on the main network.
func checkBech32(s string) error {
	if strings.ToLower(s) != s && strings.ToUpper(s) != s {
		return errors.New("mixed case")
	}
	s = strings.ToLower(s)
	if len(s) < 14 || len(s) > 90 || !strings.HasPrefix(s, "bc1") {
		return errors.New("not a Bitcoin address")
	}
	data := make([]int, 0, len(s)-3)
	for _, r := range s[3:] {
		i := strings.IndexRune(bech32Charset, r)
		if i < 0 {
			return errors.New("invalid bech32 character")
		}
		data = append(data, i)
	}
	values := []int{3, 3, 0, 2, 3} // "bc" expanded: high bits, 0, low bits
	values = append(values, data...)
	check := polymod(values)
	version := data[0]
	switch {
	case version == 0 && check != 1:
		return errors.New("bech32 checksum mismatch")
	case version > 0 && version <= 16 && check != 0x2bc830a3:
		return errors.New("bech32m checksum mismatch")
	case version > 16:
		return errors.New("invalid witness version")
	}
	prog := len(data) - 1 - 6 // 5-bit groups of the witness program
	bytes := prog * 5 / 8
	if bytes < 2 || bytes > 40 || (version == 0 && bytes != 20 && bytes != 32) {
		return errors.New("invalid witness program length")
	}
	return nil
}

func polymod(values []int) int {
	gen := []int{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := 1
	for _, v := range values {
		b := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ v
		for i := 0; i < 5; i++ {
			if (b>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

// TimeZones returns the IANA time zone names the validator accepts, sorted.
func TimeZones() []string { return slices.Clone(zones) }
