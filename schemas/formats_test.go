package schemas

import (
	"archive/zip"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestFormats(t *testing.T) {
	tests := []struct {
		format string
		value  string
		valid  bool
	}{
		{"e164", "+33123456789", true},
		{"e164", "+8613800138000", true},
		{"e164", "+0123456", false},
		{"e164", "0033123456789", false},
		{"e164", "+33 1 23 45 67 89", false},
		{"e164", "+1234567890123456", false},
		{"imei", "490154203237518", true},
		{"imei", "490154203237519", false},
		{"imei", "49015420323751", false},
		{"iccid", "8944500102198304826", true},
		{"iccid", "8944500102198304827", false},
		{"iccid", "89445001021983048", false},
		{"imsi", "310150123456789", true},
		{"imsi", "31015012345678901", false},
		{"imsi", "31015A", false},
		{"mac", "00:1A:2B:3C:4D:5E", true},
		{"mac", "00-1a-2b-3c-4d-5e", true},
		{"mac", "00:1A-2B:3C:4D:5E", false},
		{"mac", "00:1A:2B:3C:4D", false},
		{"iana-time-zone", "Europe/Paris", true},
		{"iana-time-zone", "Asia/Ho_Chi_Minh", true},
		{"iana-time-zone", "America/Argentina/Buenos_Aires", true},
		{"iana-time-zone", "UTC", true},
		{"iana-time-zone", "Europe/Lyon", false},
		{"iana-time-zone", "GMT+7", false},
		{"bcp47", "en", true},
		{"bcp47", "zh-Hans-CN", true},
		{"bcp47", "ar-EG", true},
		{"bcp47", "en_GB", false},
		{"bcp47", "", false},
		{"country", "FR", true},
		{"country", "XK", true},
		{"country", "UK", false},
		{"country", "fr", false},
		{"date-time", "2025-10-25T14:03:07+07:00", true},
		{"date-time", "2025-10-25T14:03:07.123Z", true},
		{"date-time", "2025-10-25t14:03:07z", true},
		{"date-time", "2025-10-25T14:03:07", false},
		{"date-time", "2025-10-25 14:03:07+07:00", false},
		{"date-time", "2025-13-25T14:03:07Z", false},
		{"btc-address", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", true},
		{"btc-address", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", true},
		{"btc-address", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", true},
		{"btc-address", "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ", true},
		{"btc-address", "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297", true},
		{"btc-address", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", false},
		{"btc-address", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr", false},
		{"btc-address", "bc1qAr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", false},
		{"eth-address", "0x52908400098527886E0F7030069857D2E4169EE7", true},
		{"eth-address", "52908400098527886E0F7030069857D2E4169EE7", false},
		{"eth-address", "0x52908400098527886E0F7030069857D2E4169EE", false},
		{"idn-email", "name@example.org", true},
		{"idn-email", "用户@例子.广告", true},
		{"idn-email", "no-at-sign", false},
		{"idn-email", "a b@example.org", false},
		{"idn-email", "name@localhost", false},
		{"idn-hostname", "example.org", true},
		{"idn-hostname", "مثال.إختبار", true},
		{"idn-hostname", "-bad.example", false},
		{"idn-hostname", "exa mple.org", false},
	}
	byName := map[string]func(any) error{}
	for _, f := range append(customFormats(), idnFormats()...) {
		byName[f.Name] = f.Validate
	}
	for _, tc := range tests {
		err := byName[tc.format](tc.value)
		if (err == nil) != tc.valid {
			t.Errorf("format %s(%q) = %v, want valid=%v", tc.format, tc.value, err, tc.valid)
		}
	}
	if err := byName["imei"](42); err != nil {
		t.Errorf("format imei(42) = %v, want nil for a non-string", err)
	}
	if err := byName["date-time"]("2025-10-25T14:03:07"); err == nil || err.Error() != "missing UTC offset" {
		t.Errorf("date-time without offset = %v, want missing UTC offset", err)
	}
}

// TestZonesUpToDate checks zones.txt against the Go release's zoneinfo.zip;
// -update rewrites it.
func TestZonesUpToDate(t *testing.T) {
	z, err := zip.OpenReader(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"))
	if err != nil {
		t.Skipf("no zoneinfo.zip: %v", err)
	}
	defer z.Close()
	var names []string
	for _, f := range z.File {
		n := f.Name
		if strings.HasSuffix(n, "/") || strings.HasPrefix(n, "posix/") || strings.HasPrefix(n, "right/") || n == "Factory" || n == "posixrules" || n == "localtime" {
			continue
		}
		names = append(names, n)
	}
	slices.Sort(names)
	want := strings.Join(names, "\n") + "\n"
	if *update {
		os.WriteFile("zones.txt", []byte(want), 0o644)
		return
	}
	if zonesText != want {
		t.Errorf("zones.txt differs from %s's zoneinfo.zip; run go test ./schemas -update", runtime.Version())
	}
}
