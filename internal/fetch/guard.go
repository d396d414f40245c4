package fetch

import (
	"fmt"
	"net/netip"
	"syscall"
)

// BlockedError reports a connection the address guard refused: the target
// resolved to an address that is not publicly routable (loopback, private,
// link-local, …) and Options.AllowPrivate was not set.
type BlockedError struct {
	Addr   netip.Addr // the address the connection would have gone to
	Reason string     // "loopback", "private", "link-local", …
}

func (e *BlockedError) Error() string {
	return fmt.Sprintf("address %s is %s (use --allow-private)", e.Addr, e.Reason)
}

// Special-purpose ranges that the netip predicates do not cover.
var (
	cgnat     = netip.MustParsePrefix("100.64.0.0/10")   // RFC 6598 shared address space
	thisNet   = netip.MustParsePrefix("0.0.0.0/8")       // RFC 1122 "this network"
	reserved4 = netip.MustParsePrefix("240.0.0.0/4")     // RFC 1112 reserved, incl. 255.255.255.255
	siteLocal = netip.MustParsePrefix("fec0::/10")       // deprecated IPv6 site-local
	nat64     = netip.MustParsePrefix("64:ff9b::/96")    // RFC 6052 NAT64 well-known prefix
	nat64Loc  = netip.MustParsePrefix("64:ff9b:1::/48")  // RFC 8215 local-use NAT64
	sixToFour = netip.MustParsePrefix("2002::/16")       // RFC 3056 6to4, embeds an IPv4 address
	v4compat  = netip.MustParsePrefix("::/96")           // deprecated IPv4-compatible IPv6 (::a.b.c.d)
	teredo    = netip.MustParsePrefix("2001::/32")       // RFC 4380 Teredo
	docV6     = netip.MustParsePrefix("2001:db8::/32")   // RFC 3849 documentation
	discardV6 = netip.MustParsePrefix("100::/64")        // RFC 6666 discard-only
	benchV4   = netip.MustParsePrefix("198.18.0.0/15")   // RFC 2544 benchmarking
	ietfV4    = netip.MustParsePrefix("192.0.0.0/24")    // RFC 6890 IETF protocol assignments
	doc1V4    = netip.MustParsePrefix("192.0.2.0/24")    // RFC 5737 TEST-NET-1
	doc2V4    = netip.MustParsePrefix("198.51.100.0/24") // RFC 5737 TEST-NET-2
	doc3V4    = netip.MustParsePrefix("203.0.113.0/24")  // RFC 5737 TEST-NET-3
)

// classifyIP says why ip must not be fetched from without --allow-private, or
// returns "" when it is an ordinary public unicast address.
//
// IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 and 6to4
// IPv6 addresses are judged by the IPv4 address they carry, so that e.g.
// ::ffff:127.0.0.1 is loopback. The zone of a scoped address is ignored.
func classifyIP(ip netip.Addr) string {
	if !ip.IsValid() {
		return "invalid"
	}
	ip = ip.WithZone("")
	if ip.Is4In6() {
		if r := classifyIP(ip.Unmap()); r != "" {
			return r + " (IPv4-mapped)"
		}
		return ""
	}
	switch {
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast():
		return "link-local"
	case ip.IsMulticast():
		return "multicast"
	}
	if ip.Is4() {
		switch {
		case cgnat.Contains(ip):
			return "carrier-grade NAT (shared)"
		case thisNet.Contains(ip):
			return "unspecified"
		case reserved4.Contains(ip):
			return "reserved"
		case benchV4.Contains(ip), ietfV4.Contains(ip),
			doc1V4.Contains(ip), doc2V4.Contains(ip), doc3V4.Contains(ip):
			return "reserved"
		}
		return ""
	}
	// IPv6 forms that embed an IPv4 address: judge the embedded one.
	b := ip.As16()
	var embedded netip.Addr
	var how string
	switch {
	case v4compat.Contains(ip): // ::a.b.c.d (:: and ::1 handled above)
		embedded, how = netip.AddrFrom4([4]byte(b[12:16])), "IPv4-compatible"
	case nat64.Contains(ip):
		embedded, how = netip.AddrFrom4([4]byte(b[12:16])), "NAT64"
	case sixToFour.Contains(ip):
		embedded, how = netip.AddrFrom4([4]byte(b[2:6])), "6to4"
	}
	if embedded.IsValid() {
		if r := classifyIP(embedded); r != "" {
			return r + " (" + how + ")"
		}
		return ""
	}
	switch {
	case siteLocal.Contains(ip):
		return "private"
	case nat64Loc.Contains(ip):
		return "private"
	case docV6.Contains(ip), discardV6.Contains(ip):
		return "reserved"
	case teredo.Contains(ip):
		// Teredo tunnels to an obfuscated IPv4 address; there is no reason
		// for a news site to live there.
		return "reserved"
	}
	return ""
}

// checkDialAddr is the address guard: it is called with the literal
// "ip:port" a connection is about to be made to, after DNS resolution.
// It fails closed: anything it cannot parse is refused.
func checkDialAddr(address string) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("refusing to dial unparsable address %q: %v", address, err)
	}
	if r := classifyIP(ap.Addr()); r != "" {
		return &BlockedError{Addr: ap.Addr(), Reason: r}
	}
	return nil
}

// dialGuard is the check the dialer's Control hook runs; a variable only so
// that tests can widen it to one local test server.
var dialGuard = checkDialAddr

// guardControl is a net.Dialer Control function. The dialer calls it for
// every connection attempt with the already resolved address, so the check
// holds for every redirect hop and cannot be dodged by DNS rebinding.
func guardControl(network, address string, _ syscall.RawConn) error {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return fmt.Errorf("refusing to dial network %q", network)
	}
	return dialGuard(address)
}
