package argo

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for value, want := range map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		" 0 ":                           0,
		"-1":                            0,
		"soon":                          0,
		"Fri, 04 Dec 2026 10:00:07 GMT": 7 * time.Second,
		"Fri, 04 Dec 2026 09:59:00 GMT": 0,
	} {
		if got := retryAfter(value, now); got != want {
			t.Errorf("retryAfter(%q) = %s, want %s", value, got, want)
		}
	}
}

func TestAPIErrorCarriesRetryAfter(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "2")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	client, err := NewClient(Config{Server: srv.URL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Version(t.Context())
	apiErr, ok := err.(*APIError)
	if !ok || apiErr.StatusCode != http.StatusTooManyRequests || apiErr.RetryAfter != 2*time.Second {
		t.Fatalf("error %#v, want a 429 with RetryAfter 2s", err)
	}
}
