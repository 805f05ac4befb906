package public

import (
	"testing"
)

func TestLimitKey(t *testing.T) {
	for addr, want := range map[string]string{
		"192.0.2.7":               "192.0.2.7",
		"2001:db8:1:2:aaaa::1":    "2001:db8:1:2::/64",
		"2001:db8:1:2:bbbb:cc::9": "2001:db8:1:2::/64",
		"not an address":          "not an address",
	} {
		if got := limitKey(addr); got != want {
			t.Errorf("%s: %s, want %s", addr, got, want)
		}
	}
}
