package argo

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Config says how to reach the Argo Server (flags/env are resolved by the caller).
type Config struct {
	// Server is "host:port" as the argo CLI takes it (ARGO_SERVER), or a full
	// "https://…"/"http://…" URL (a path in the URL is kept as a prefix).
	Server string
	// BaseHref is ARGO_BASE_HREF, e.g. "/argo/": a path prefix before /api/v1.
	// It is appended after any path given in a Server URL.
	BaseHref string
	// Secure applies to host:port only: true → https, false → plain http
	// (ARGO_SECURE=false). A URL's scheme wins.
	Secure             bool
	InsecureSkipVerify bool
	// CAFile is a PEM bundle that replaces the system roots (kubectl semantics).
	CAFile string
	// Headers are extra "Key: Value" headers, repeatable.
	Headers []string
	// Timeout bounds each whole request; 0 means none.
	Timeout   time.Duration
	UserAgent string
}

// serverHint tells the user what a valid server address looks like.
const serverHint = "pass host:port (e.g. argo.example.com:2746) or a URL (e.g. https://argo.example.com/argo) with --argo-server or ARGO_SERVER"

// baseURL turns Server, Secure and BaseHref into the URL every API path is
// appended to, without a trailing slash.
func (cfg Config) baseURL() (*url.URL, error) {
	server, err := parseServer(cfg.Server, cfg.Secure)
	if err != nil {
		return nil, &ConfigError{Field: "Server", Err: err}
	}
	href, err := cleanBaseHref(cfg.BaseHref)
	if err != nil {
		return nil, &ConfigError{Field: "BaseHref", Err: err}
	}
	server.Path = strings.TrimSuffix(server.Path, "/") + href
	server.RawPath = ""
	return server, nil
}

// parseServer accepts the argo CLI's host:port form or a full http(s) URL.
func parseServer(server string, secure bool) (*url.URL, error) {
	server = strings.TrimSpace(server)
	switch {
	case server == "":
		return nil, fmt.Errorf("the Argo Server address is empty; %s", serverHint)
	case strings.ContainsFunc(server, unicode.IsSpace):
		return nil, fmt.Errorf("%q contains whitespace; %s", server, serverHint)
	case strings.Contains(server, "@"):
		// Not echoed: the text before "@" is likely a password.
		return nil, fmt.Errorf("the Argo Server address must not contain user info or credentials (\"user:password@\"); pass the token with --argo-token or ARGO_TOKEN")
	case strings.Contains(server, "://"):
		return parseServerURL(server)
	}
	return parseHostPort(server, secure)
}

// parseServerURL validates a full URL; its scheme decides http vs https.
func parseServerURL(server string) (*url.URL, error) {
	u, err := url.Parse(server)
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid URL; %s", server, serverHint)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%q has scheme %q; use http:// or https://, or %s", server, u.Scheme, serverHint)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return nil, fmt.Errorf("%q must not have a query or fragment; %s", server, serverHint)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("%q has no host; %s", server, serverHint)
	}
	if port := u.Port(); port != "" {
		if err := checkPort(port); err != nil {
			return nil, fmt.Errorf("%q: %v; %s", server, err, serverHint)
		}
	}
	prefix := path.Clean("/" + u.EscapedPath())
	if prefix == "/" {
		prefix = ""
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host, Path: prefix}, nil
}

// parseHostPort reads "host:port", "host", "[::1]:2746", "[::1]" or "::1".
// A missing port is left out so the scheme's default port applies.
func parseHostPort(server string, secure bool) (*url.URL, error) {
	if strings.ContainsAny(server, "/?#") {
		return nil, fmt.Errorf("%q is neither host:port nor a URL with http:// or https://; %s (a path prefix goes in --argo-base-href)", server, serverHint)
	}
	host, port, err := splitHostOptionalPort(server)
	if err != nil {
		return nil, fmt.Errorf("%q: %v; %s", server, err, serverHint)
	}
	scheme := "http"
	if secure {
		scheme = "https"
	}
	hostPort := host
	if strings.Contains(host, ":") {
		hostPort = "[" + host + "]"
	}
	if port != "" {
		hostPort = net.JoinHostPort(host, port)
	}
	return &url.URL{Scheme: scheme, Host: hostPort}, nil
}

// splitHostOptionalPort is net.SplitHostPort that also allows no port.
func splitHostOptionalPort(server string) (host, port string, err error) {
	host, port, splitErr := net.SplitHostPort(server)
	if splitErr != nil {
		host, port, err = splitHostWithoutPort(server)
	} else if strings.HasPrefix(server, "[") && !strings.Contains(host, ":") {
		err = fmt.Errorf("brackets are only for IPv6 addresses, e.g. [::1]:2746")
	} else {
		err = checkPort(port)
	}
	if err != nil {
		return "", "", err
	}
	switch {
	case host == "":
		return "", "", fmt.Errorf("missing host")
	case strings.ContainsAny(host, "[]"):
		return "", "", fmt.Errorf("misplaced brackets")
	case strings.Contains(host, ":") && net.ParseIP(host) == nil:
		return "", "", fmt.Errorf("%q is not a valid IPv6 address", host)
	}
	return host, port, nil
}

// splitHostWithoutPort handles "host", "[::1]" and a bare "::1".
func splitHostWithoutPort(server string) (host, port string, err error) {
	inner, bracketed := strings.CutPrefix(server, "[")
	if !bracketed {
		if strings.Contains(server, ":") && net.ParseIP(server) == nil {
			return "", "", fmt.Errorf("not a valid host:port")
		}
		return server, "", nil
	}
	host, closed := strings.CutSuffix(inner, "]")
	if !closed || net.ParseIP(host) == nil || !strings.Contains(host, ":") {
		return "", "", fmt.Errorf("brackets are only for IPv6 addresses, e.g. [::1]:2746")
	}
	return host, "", nil
}

// checkPort accepts a decimal TCP port number.
func checkPort(port string) error {
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 || strings.HasPrefix(port, "+") {
		return fmt.Errorf("port %q is not a number from 1 to 65535", port)
	}
	return nil
}

// cleanBaseHref turns "/argo/", "argo" and "/argo" into "/argo", and "/" into "".
func cleanBaseHref(href string) (string, error) {
	href = strings.TrimSpace(href)
	switch {
	case strings.ContainsFunc(href, unicode.IsSpace):
		return "", fmt.Errorf("base href %q contains whitespace", href)
	case strings.Contains(href, "://"):
		return "", fmt.Errorf("base href %q is a URL; pass only the path (e.g. /argo/) with --argo-base-href, and the address with --argo-server", href)
	case strings.ContainsAny(href, "?#"):
		return "", fmt.Errorf("base href %q must be a path without query or fragment, e.g. /argo/", href)
	}
	cleaned := path.Clean("/" + href)
	if cleaned == "/" {
		return "", nil
	}
	return cleaned, nil
}
