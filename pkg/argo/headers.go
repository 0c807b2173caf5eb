package argo

import (
	"fmt"
	"net/http"
	"strings"
)

// extraHeaders are the user's additional request headers, parsed once.
type extraHeaders struct {
	header http.Header
	// host replaces the request's Host: net/http ignores a "Host" entry in
	// Header, yet routing through an ingress by name is a common reason to set it.
	host string
}

// parseHeaders reads "Key: Value" lines. Errors name the header by position
// and key only, because values are often secrets (API keys, cookies).
func parseHeaders(lines []string) (extraHeaders, error) {
	extra := extraHeaders{header: http.Header{}}
	for i, line := range lines {
		key, value, err := parseHeaderLine(line)
		if err != nil {
			return extraHeaders{}, &ConfigError{Field: "Headers", Err: fmt.Errorf("header #%d: %w", i+1, err)}
		}
		if http.CanonicalHeaderKey(key) == "Host" {
			extra.host = value
			continue
		}
		extra.header.Add(key, value)
	}
	return extra, nil
}

// parseHeaderLine splits one "Key: Value" line and validates both parts.
func parseHeaderLine(line string) (key, value string, err error) {
	key, value, found := strings.Cut(line, ":")
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	switch {
	case !found || key == "":
		return "", "", fmt.Errorf(`not in "Key: Value" form`)
	case !isHTTPToken(key):
		return "", "", fmt.Errorf("%q is not a valid header name", key)
	case strings.EqualFold(key, "Authorization"):
		return "", "", fmt.Errorf("do not pass an Authorization header; give the token with --argo-token (or ARGO_TOKEN) instead")
	case strings.ContainsFunc(value, isControlChar):
		return "", "", fmt.Errorf("the value of %q contains a control character", key)
	}
	return key, value, nil
}

// isHTTPToken reports whether s is an RFC 9110 token (the grammar of header names).
func isHTTPToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isTokenChar(r) {
			return false
		}
	}
	return true
}

func isTokenChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune("!#$%&'*+-.^_`|~", r)
}

// isControlChar reports characters net/http refuses in header values.
func isControlChar(r rune) bool {
	return (r < 0x20 && r != '\t') || r == 0x7f
}

// apply sets the extra headers on req, replacing any default of the same name.
func (e extraHeaders) apply(req *http.Request) {
	for key, values := range e.header {
		req.Header[key] = append([]string(nil), values...)
	}
	if e.host != "" {
		req.Host = e.host
	}
}
