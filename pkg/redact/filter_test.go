package redact

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// opaque is a registered secret no pattern recognises.
const opaque = "opaque-argo-sso-value-1234"

type stringer struct{ s string }

func (s stringer) String() string { return s.s }

func TestFilterString(t *testing.T) {
	f := NewFilter()
	f.Add("Bearer "+opaque, "", "  ")
	tests := []struct{ name, in, want string }{
		{"header value", "Authorization: Bearer " + opaque, "Authorization: Bearer <redacted>"},
		{"bare registered value", "value=" + opaque + ".", "value=<redacted>."},
		{"base64 of registered value", "data: " + base64.StdEncoding.EncodeToString([]byte(opaque)), "data: <redacted>"},
		{"patterns still apply", `{"token":"other"}`, `{"token":"<redacted>"}`},
		{"nothing to mask", "submitted workflow hello-abc12", "submitted workflow hello-abc12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := f.String(tt.in); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFilterZeroValueIsUsable(t *testing.T) {
	var f Filter
	if got := f.String("x " + testJWT); got != "x <redacted>" {
		t.Errorf("zero Filter String = %q", got)
	}
	f.Add(opaque)
	if got := f.String(opaque); got != Mask {
		t.Errorf("zero Filter after Add = %q", got)
	}
}

func TestFilterLongestSecretFirst(t *testing.T) {
	f := NewFilter()
	f.Add("abcd", "abcdefgh")
	if got := f.String("abcdefgh"); got != Mask {
		t.Errorf("got %q, want a single mask", got)
	}
}

func TestFilterFilter(t *testing.T) {
	f := NewFilter()
	f.Add(opaque)
	tests := []struct {
		name string
		in   []interface{}
		want []interface{}
	}{
		{"strings masked", []interface{}{"token ", opaque}, []interface{}{"token ", Mask}},
		{"bytes masked", []interface{}{[]byte(`{"token":"x"}`)}, []interface{}{`{"token":"<redacted>"}`}},
		{"error masked", []interface{}{errors.New("bad Bearer " + opaque)}, []interface{}{"bad Bearer <redacted>"}},
		{"stringer masked", []interface{}{stringer{testJWT}}, []interface{}{Mask}},
		{"non-strings kept when clean", []interface{}{42, stringer{"ok"}, nil}, []interface{}{42, stringer{"ok"}, nil}},
		{"secret split over arguments", []interface{}{"Bearer", " ", "abc"}, []interface{}{"Bearer <redacted>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Filter(tt.in)
			if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", tt.want) {
				t.Errorf("Filter(%#v)\n got %#v\nwant %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFilterFilterF(t *testing.T) {
	f := NewFilter()
	f.Add(opaque)
	tests := []struct {
		name       string
		format     string
		args       []interface{}
		wantFormat string
		wantArgs   []interface{}
	}{
		{"clean call unchanged", "submitted %s in %d ms", []interface{}{"wf", 3}, "submitted %s in %d ms", []interface{}{"wf", 3}},
		{"registered secret in an argument", "token %s", []interface{}{opaque}, "%s", []interface{}{"token <redacted>"}},
		{"secret made by format and argument", `{"token":"%s"}`, []interface{}{"plain"}, "%s", []interface{}{`{"token":"<redacted>"}`}},
		{"pattern in format", "Bearer " + testJWT, nil, "%s", []interface{}{"Bearer <redacted>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			format, args := f.FilterF(tt.format, tt.args)
			if format != tt.wantFormat || fmt.Sprintf("%#v", args) != fmt.Sprintf("%#v", tt.wantArgs) {
				t.Errorf("FilterF(%q, %v) = %q, %#v; want %q, %#v", tt.format, tt.args, format, args, tt.wantFormat, tt.wantArgs)
			}
		})
	}
}

func TestFilterFilterS(t *testing.T) {
	f := NewFilter()
	f.Add(opaque)
	msg, kv := f.FilterS("Response Body with "+opaque, []interface{}{
		"body", `{"status":{"token":"abc"}}`,
		"token", "anything",
		"Authorization", stringer{"x"},
		"count", 3,
		"err", errors.New("failed with " + testJWT),
		"dangling",
	})
	if msg != "Response Body with <redacted>" {
		t.Errorf("msg = %q", msg)
	}
	want := []interface{}{
		"body", `{"status":{"token":"<redacted>"}}`,
		"token", Mask,
		"Authorization", Mask,
		"count", 3,
		"err", "failed with <redacted>",
		"dangling",
	}
	if fmt.Sprintf("%#v", kv) != fmt.Sprintf("%#v", want) {
		t.Errorf("keysAndValues\n got %#v\nwant %#v", kv, want)
	}
}

func TestFilterConcurrentUse(t *testing.T) {
	f := NewFilter()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		secret := fmt.Sprintf("secret-number-%d", i)
		go func() { defer wg.Done(); f.Add(secret) }()
		go func() {
			defer wg.Done()
			_ = f.String(secret)
			_, _ = f.FilterS("m", []interface{}{"k", secret})
		}()
	}
	wg.Wait()
	for i := 0; i < 8; i++ {
		if got := f.String(fmt.Sprintf("secret-number-%d", i)); strings.Contains(got, "secret-number") {
			t.Errorf("secret %d not masked after Add: %q", i, got)
		}
	}
}
