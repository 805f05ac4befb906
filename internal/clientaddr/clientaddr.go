// Package clientaddr reads the address a request came from, trusting
// X-Forwarded-For only from the reverse proxies named in heed.toml's
// trusted_proxies. The staff application and the public forms both read it
// here, so that they agree.
package clientaddr

import (
	"net/http"
	"net/netip"
	"strings"
)

// Of is the address a request came from: its peer's, or, when the peer is
// one of trusted, the right-most address in X-Forwarded-For that is not
// itself a trusted proxy (a proxy appends the address it was reached from;
// anything to the left of that, the client could have written). A peer
// that is not trusted cannot choose its address this way.
func Of(r *http.Request, trusted []netip.Prefix) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	addr := peer.Addr().Unmap()
	if !contains(trusted, addr) {
		return addr.String()
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := parseHop(strings.TrimSpace(hops[i]))
		if err != nil {
			break // not written by a proxy we trust: stop at the last one that was
		}
		addr = hop
		if !contains(trusted, hop) {
			break
		}
	}
	return addr.String()
}

// parseHop reads one address of X-Forwarded-For, with or without a port.
func parseHop(s string) (netip.Addr, error) {
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), nil
	}
	ap, err := netip.ParseAddrPort(s)
	return ap.Addr().Unmap(), err
}

func contains(prefixes []netip.Prefix, a netip.Addr) bool {
	for _, p := range prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
