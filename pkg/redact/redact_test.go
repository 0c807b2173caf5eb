package redact

import (
	"encoding/hex"
	"strings"
	"testing"
)

const (
	testJWT       = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXJnbzpjaSJ9.c2lnbmF0dXJlLXBhcnQ"
	testJWTBase64 = "ZXlKaGJHY2lPaUpTVXpJMU5pSXNJbXRwWkNJNkltRmlZeUo5LmV5SnpkV0lpT2lKemVYTjBaVzA2YzJWeWRtbGpaV0ZqWTI5MWJuUTZZWEpuYnpwamFTSjkuYzJsbmJtRjBkWEpsTFhCaGNuUQ=="
)

func TestString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"json token", `{"status":{"token":"s3cr3t","expirationTimestamp":"2030-01-01T00:00:00Z"}}`,
			`{"status":{"token":"<redacted>","expirationTimestamp":"2030-01-01T00:00:00Z"}}`},
		{"json token with whitespace", "{\"token\" :\n\t \"s3cr3t\"}", "{\"token\" :\n\t \"<redacted>\"}"},
		{"json escaped inside a string", `body="{\"token\":\"s3cr3t\"}"`, `body="{\"token\":\"<redacted>\"}"`},
		{"json truncated body", `{"data":{"token":"s3cr3tAndThenCutOff [truncated 12 chars]`, `{"data":{"token":"<redacted>`},
		{"json other key names", `{"access_token":"a1","idToken":"b2","bearerToken":"c3"}`,
			`{"access_token":"<redacted>","idToken":"<redacted>","bearerToken":"<redacted>"}`},
		{"json non-token key kept", `{"name":"ci","tokenExpiry":"x"}`, `{"name":"ci","tokenExpiry":"x"}`},
		{"yaml token", "status:\n  token: s3cr3t\n  other: x", "status:\n  token: <redacted>\n  other: x"},
		{"yaml quoted token", "token: 's3cr3t'", "token: '<redacted>'"},
		{"yaml flow style", "{token: s3cr3t, name: ci}", "{token: <redacted>, name: ci}"},
		{"yaml key suffix is not a token key", "service-account-token: x", "service-account-token: x"},
		{"jwt", "got " + testJWT + " back", "got <redacted> back"},
		{"base64 jwt", `"data":{"ca.crt":"AAA","token":` + `"` + testJWTBase64 + `"}`, `"data":{"ca.crt":"AAA","token":"<redacted>"}`},
		{"base64 jwt bare", "value " + testJWTBase64, "value <redacted>"},
		{"bearer", "Authorization: Bearer abc.def-ghi", "Authorization: Bearer <redacted>"},
		{"bearer sso", "Bearer v2:abcdef", "Bearer <redacted>"},
		{"basic", `-H "Authorization: Basic YWxpY2U6cHc="`, `-H "Authorization: Basic <redacted>"`},
		{"plain text kept", "GET https://10.0.0.1/api/v1/namespaces/argo/secrets 200 OK", "GET https://10.0.0.1/api/v1/namespaces/argo/secrets 200 OK"},
		{"already redacted is stable", `{"token":"<redacted>"} Bearer <redacted>`, `{"token":"<redacted>"} Bearer <redacted>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in); got != tt.want {
				t.Errorf("String(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStringHexDump(t *testing.T) {
	// client-go logs a protobuf body as a hex dump, which spreads a token over
	// several lines.
	withToken := hex.Dump([]byte("k8s\x00\n\x0cTokenRequest\x12\x99\x01\n\x7f" + testJWT + "\x12\x0c\x08\x80"))
	if got := String(withToken); got != Mask {
		t.Errorf("hex dump with a JWT: got %q, want %q", got, Mask)
	}
	if strings.Contains(String(withToken), "c2lnbmF0") {
		t.Error("signature leaked")
	}
	plain := hex.Dump([]byte("k8s\x00\n\x06Secret nothing secret here"))
	if got := String(plain); got != plain {
		t.Errorf("hex dump without a secret changed: %q", got)
	}
}
