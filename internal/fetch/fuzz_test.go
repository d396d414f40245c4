package fetch

import (
	"net/netip"
	"testing"
)

// FuzzCheckURL checks that CheckURL never panics and that whatever it
// accepts really is an http or https URL with a host.
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{
		"", " ", "http://example.com/", "https://example.com:443/a?b=c#d",
		"HTTP://EXAMPLE.COM", "file:///etc/passwd", "javascript:alert(1)",
		"ftp://x/", "http://", "http:///x", "http:x", "//x/y", "x",
		"http://[::1]:80/", "http://[::1", "http://a b", "http://%zz/",
		"http://user:pa%20ss@host/", "http://host:99999/", "http://host:/",
		"http://[fe80::1%25eth0]/", "https://xn--bcher-kva.example/\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := CheckURL(s)
		if err != nil {
			if u != nil {
				t.Fatalf("CheckURL(%q) returned both a URL and an error", s)
			}
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" {
			t.Fatalf("CheckURL(%q) accepted scheme %q", s, u.Scheme)
		}
		if u.Host == "" || u.Hostname() == "" {
			t.Fatalf("CheckURL(%q) accepted a URL without host", s)
		}
	})
}

// FuzzClassifyIP checks that the classifier never panics and that an IPv4
// address and its IPv4-mapped IPv6 form are judged alike.
func FuzzClassifyIP(f *testing.F) {
	f.Add([]byte{127, 0, 0, 1})
	f.Add([]byte{8, 8, 8, 8})
	f.Add([]byte{0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		ip, ok := netip.AddrFromSlice(b)
		if !ok {
			return
		}
		got := classifyIP(ip)
		if ip.Is4() {
			mapped := classifyIP(netip.AddrFrom16(ip.As16()))
			if (got == "") != (mapped == "") {
				t.Fatalf("%s is %q but its mapped form is %q", ip, got, mapped)
			}
		}
	})
}
