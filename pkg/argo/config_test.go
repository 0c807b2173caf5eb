package argo

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBaseURLFromServer(t *testing.T) {
	tests := []struct {
		name   string
		server string
		secure bool
		want   string
	}{
		{"host:port secure", "argo.example.com:2746", true, "https://argo.example.com:2746"},
		{"host:port plain", "localhost:2746", false, "http://localhost:2746"},
		{"host alone secure", "argo.example.com", true, "https://argo.example.com"},
		{"host alone plain", "argo.example.com", false, "http://argo.example.com"},
		{"surrounding spaces trimmed", "  argo:2746 ", true, "https://argo:2746"},
		{"ipv4", "127.0.0.1:2746", true, "https://127.0.0.1:2746"},
		{"ipv6 with port", "[::1]:2746", true, "https://[::1]:2746"},
		{"ipv6 bracketed no port", "[::1]", false, "http://[::1]"},
		{"ipv6 bare", "::1", true, "https://[::1]"},
		{"https url", "https://argo.example.com", false, "https://argo.example.com"},
		{"http url wins over secure", "http://argo.example.com:2746", true, "http://argo.example.com:2746"},
		{"url with path kept as prefix", "https://example.com/tools/argo/", false, "https://example.com/tools/argo"},
		{"url with root path", "https://example.com/", false, "https://example.com"},
		{"upper-case scheme", "HTTPS://example.com:443", false, "https://example.com:443"},
		{"ipv6 url", "https://[::1]:2746/argo", false, "https://[::1]:2746/argo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, err := NewClient(Config{Server: tt.server, Secure: tt.secure}, nil)
			if err != nil {
				t.Fatalf("NewClient(%q): %v", tt.server, err)
			}
			if got := client.BaseURL(); got != tt.want {
				t.Errorf("BaseURL() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBadServerIsConfigError(t *testing.T) {
	tests := []struct {
		name     string
		server   string
		wantText string
	}{
		{"empty", "", "empty"},
		{"blank", "   ", "empty"},
		{"inner space", "argo example:2746", "whitespace"},
		{"user info", "https://admin:hunter2@argo.example.com", "credentials"},
		{"user info host:port", "admin@argo:2746", "credentials"},
		{"unknown scheme", "ftp://argo.example.com", `scheme "ftp"`},
		{"grpc scheme", "grpc://argo:2746", "http:// or https://"},
		{"query", "https://argo.example.com/?x=1", "query"},
		{"fragment", "https://argo.example.com/#top", "fragment"},
		{"url without host", "https:///argo", "no host"},
		{"path without scheme", "argo.example.com:2746/argo", "--argo-base-href"},
		{"port not a number", "argo:http", "port"},
		{"port out of range", "argo:70000", "port"},
		{"port zero", "argo:0", "port"},
		{"empty port", "argo:", "port"},
		{"missing host", ":2746", "missing host"},
		{"too many colons", "a:b:c", "host:port"},
		{"brackets around a name", "[argo]:2746", "IPv6"},
		{"unbalanced bracket", "[::1", "IPv6"},
		{"url port out of range", "https://argo:99999", "port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewClient(Config{Server: tt.server, Secure: true}, nil)
			var configErr *ConfigError
			if !errors.As(err, &configErr) {
				t.Fatalf("NewClient(%q) error = %v, want *ConfigError", tt.server, err)
			}
			if configErr.Field != "Server" {
				t.Errorf("Field = %q, want Server", configErr.Field)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not mention %q", err, tt.wantText)
			}
		})
	}
}

func TestServerCredentialsNotEchoed(t *testing.T) {
	_, err := NewClient(Config{Server: "https://admin:hunter2@argo.example.com"}, nil)
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("error %v must exist and not echo the password", err)
	}
}

func TestBaseHref(t *testing.T) {
	tests := []struct {
		server, href, want string
	}{
		{"argo:2746", "", "https://argo:2746"},
		{"argo:2746", "/", "https://argo:2746"},
		{"argo:2746", "/argo/", "https://argo:2746/argo"},
		{"argo:2746", "argo", "https://argo:2746/argo"},
		{"argo:2746", "/argo", "https://argo:2746/argo"},
		{"argo:2746", "argo/", "https://argo:2746/argo"},
		{"argo:2746", "//tools//argo//", "https://argo:2746/tools/argo"},
		{"https://example.com/proxy/", "/argo/", "https://example.com/proxy/argo"},
	}
	for _, tt := range tests {
		t.Run(tt.server+" "+tt.href, func(t *testing.T) {
			client, err := NewClient(Config{Server: tt.server, BaseHref: tt.href, Secure: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := client.BaseURL(); got != tt.want {
				t.Errorf("BaseURL() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBadBaseHref(t *testing.T) {
	for _, href := range []string{"/ar go/", "https://argo/argo", "/argo?x=1", "/argo#x"} {
		_, err := NewClient(Config{Server: "argo:2746", BaseHref: href}, nil)
		var configErr *ConfigError
		if !errors.As(err, &configErr) || configErr.Field != "BaseHref" {
			t.Errorf("BaseHref %q: error = %v, want *ConfigError for BaseHref", href, err)
		}
	}
}

func TestBadHeaders(t *testing.T) {
	tests := []struct {
		name, header, wantText string
	}{
		{"no colon", "X-Api-Key secret-value", "Key: Value"},
		{"empty key", ": value", "Key: Value"},
		{"space in key", "X Api: v", "not a valid header name"},
		{"authorization", "Authorization: Bearer abc", "--argo-token"},
		{"authorization any case", "authorization: Bearer abc", "--argo-token"},
		{"control character", "X-Test: a\x01b", "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewClient(Config{Server: "argo:2746", Headers: []string{"X-Ok: 1", tt.header}}, nil)
			var configErr *ConfigError
			if !errors.As(err, &configErr) || configErr.Field != "Headers" {
				t.Fatalf("error = %v, want *ConfigError for Headers", err)
			}
			if !strings.Contains(err.Error(), tt.wantText) || !strings.Contains(err.Error(), "#2") {
				t.Errorf("error %q should mention %q and header #2", err, tt.wantText)
			}
			for _, secret := range []string{"secret-value", "Bearer abc"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q echoes the header value", err)
				}
			}
		})
	}
}

func TestTLSConfigErrors(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		cfg      Config
		field    string
		wantText string
	}{
		{"missing CA file", Config{CAFile: filepath.Join(dir, "missing.pem")}, "CAFile", "cannot read CA file"},
		{"CA file without PEM", Config{CAFile: notPEM}, "CAFile", "no PEM certificate"},
		{"CA file and insecure", Config{CAFile: notPEM, InsecureSkipVerify: true}, "CAFile", "cannot be used together"},
		{"negative timeout", Config{Timeout: -time.Second}, "Timeout", "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.Server = "argo:2746"
			tt.cfg.Secure = true
			_, err := NewClient(tt.cfg, nil)
			var configErr *ConfigError
			if !errors.As(err, &configErr) || configErr.Field != tt.field {
				t.Fatalf("error = %v, want *ConfigError for %s", err, tt.field)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not mention %q", err, tt.wantText)
			}
		})
	}
}
