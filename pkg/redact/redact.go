// Package redact masks credentials in text before it reaches a log.
//
// client-go logs request and response bodies at -v>=8, and the bodies this
// plugin reads carry tokens (a TokenRequest's status.token, a Secret's
// data.token), so every log line goes through a Filter installed with
// klog.SetLogFilter.
package redact

import (
	"encoding/hex"
	"regexp"
	"strings"
)

// Mask replaces every secret that is found.
const Mask = "<redacted>"

// tokenKey matches the key names that hold credentials in JSON and YAML.
const tokenKey = `(?i:(?:access|id|refresh|bearer|auth)[_-]?)?(?i:token)`

var (
	// jsonToken matches "token":"value", also when the JSON is itself escaped
	// inside a string (\"token\":\"value\"). The value runs to the closing quote
	// or the end of a truncated body.
	jsonToken = regexp.MustCompile(`(\\?"` + tokenKey + `\\?"\s*:\s*\\?")(?:[^"\\]|\\[^"])*`)

	// yamlToken matches `token: value`, block or flow style.
	yamlToken = regexp.MustCompile(`(^|[\s{,])(` + tokenKey + `[ \t]*:[ \t]+['"]?)([^\s'",}]+)`)

	// jwt matches a JSON Web Token: three base64url segments, the header being
	// JSON and so starting with "eyJ" ({").
	jwt = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`)

	// base64JWT matches a JWT encoded once more in standard base64 ("eyJ" →
	// "ZXlK"), as a Secret's data.token is in JSON.
	base64JWT = regexp.MustCompile(`ZXlK[A-Za-z0-9+/]{12,}={0,2}`)

	// authScheme matches an HTTP Authorization value.
	authScheme = regexp.MustCompile(`\b(Bearer|Basic)([ \t]+)([^\s"',;]+)`)

	// hexDumpLine matches one line of encoding/hex.Dump, the form client-go
	// logs a non-text (protobuf) body in. Group 1 holds the hex bytes.
	hexDumpLine = regexp.MustCompile(`(?m)^[0-9a-f]{8}  ((?:[0-9a-f]{2} {1,2}){1,16})`)
)

// String masks the credentials that can be recognised by their form: JSON
// and YAML token fields, JWTs (plain or base64-encoded), Bearer and Basic
// values, and hex dumps of bodies that contain any of these.
func String(s string) string {
	s = maskHexDump(s)
	s = jsonToken.ReplaceAllString(s, "${1}"+Mask)
	s = yamlToken.ReplaceAllString(s, "${1}${2}"+Mask)
	s = jwt.ReplaceAllLiteralString(s, Mask)
	s = base64JWT.ReplaceAllLiteralString(s, Mask)
	s = authScheme.ReplaceAllString(s, "${1}${2}"+Mask)
	return s
}

// maskHexDump replaces a whole hex dump with Mask when the bytes it shows
// hold a credential: the token is spread over several dump lines there, so
// no pattern would match the dump's text itself.
func maskHexDump(s string) string {
	dumped := hexDumpBytes(s)
	if dumped == "" || !containsSecret(dumped) {
		return s
	}
	return Mask
}

// hexDumpBytes decodes the bytes shown by the hex dump lines in s, with
// non-printable bytes turned into newlines so that no pattern spans them.
// It returns "" when s has no hex dump.
func hexDumpBytes(s string) string {
	lines := hexDumpLine.FindAllStringSubmatch(s, -1)
	if len(lines) == 0 {
		return ""
	}
	var b strings.Builder
	for _, line := range lines {
		raw, err := hex.DecodeString(strings.Join(strings.Fields(line[1]), ""))
		if err != nil {
			continue
		}
		for _, c := range raw {
			if c < 0x20 || c > 0x7e {
				c = '\n'
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// containsSecret reports whether s has anything that String would mask,
// the hex dump pattern aside.
func containsSecret(s string) bool {
	return jsonToken.MatchString(s) || yamlToken.MatchString(s) ||
		jwt.MatchString(s) || base64JWT.MatchString(s) || authScheme.MatchString(s)
}
