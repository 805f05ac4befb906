package config

import (
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// TestTrustedProxies reads trusted_proxies as addresses and ranges, and
// names the line of one that is neither.
func TestTrustedProxies(t *testing.T) {
	cfg, err := Load(write(t, "trusted_proxies = [\"10.0.0.5\", \"10.1.0.0/16\", \"2001:db8::/32\", \"::ffff:192.0.2.1\"]\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{netip.MustParsePrefix("10.0.0.5/32"), netip.MustParsePrefix("10.1.0.0/16"),
		netip.MustParsePrefix("2001:db8::/32"), netip.MustParsePrefix("192.0.2.1/32")}
	if !slices.Equal(cfg.TrustedProxies, want) {
		t.Errorf("trusted proxies %v, want %v", cfg.TrustedProxies, want)
	}
	if cfg, err := Load(write(t, Example()), env(nil)); err != nil || len(cfg.TrustedProxies) != 0 {
		t.Errorf("the example trusts proxies: %v, %v", cfg.TrustedProxies, err)
	}
	_, err = Load(write(t, "council_name = \"X\"\ntrusted_proxies = [\"proxy.example.org\"]\n"), env(nil))
	var errs Errors
	if !errors.As(err, &errs) || len(errs) != 1 || errs[0].Key != "trusted_proxies" || errs[0].Line != 2 ||
		!strings.Contains(errs[0].Message, "proxy.example.org") || !strings.Contains(errs[0].Message, "10.0.0.0/24") {
		t.Errorf("a host name as a proxy: %v", err)
	}
}
