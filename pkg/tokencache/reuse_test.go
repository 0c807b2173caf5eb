package tokencache

import (
	"context"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

func TestReusable(t *testing.T) {
	issued := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	hour := issued.Add(time.Hour)
	short := issued.Add(4 * time.Minute) // 20 % of it is 48 s: the 60 s floor decides
	for _, tc := range []struct {
		name   string
		expiry time.Time
		now    time.Time
		want   bool
	}{
		{"just minted", hour, issued, true},
		{"21 % left", hour, hour.Add(-time.Hour * 21 / 100), true},
		{"19 % left", hour, hour.Add(-time.Hour * 19 / 100), false},
		{"expired", hour, hour.Add(time.Second), false},
		{"short token, 61 s left", short, short.Add(-61 * time.Second), true},
		{"short token, 59 s left (above 20 %)", short, short.Add(-59 * time.Second), false},
		{"no expiry, 59 min old", time.Time{}, issued.Add(59 * time.Minute), true},
		{"no expiry, 1 h old", time.Time{}, issued.Add(time.Hour), false},
		{"no expiry, issued in the future", time.Time{}, issued.Add(-time.Minute), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := reusable(issued, tc.expiry, tc.now, defaultMaxAge); got != tc.want {
				t.Errorf("reusable = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestStoreReMintsNearExpiry(t *testing.T) {
	clock := time.Now()
	s, m, key := newStore(t), newMinter(), testKey("ci")
	s.Now = func() time.Time { return clock }
	get(t, s, key, m)
	clock = clock.Add(45 * time.Minute) // 25 % left
	if got := get(t, s, key, m); got != "Bearer minted-1" {
		t.Fatalf("25 %% left: %q", got)
	}
	clock = clock.Add(5 * time.Minute) // 17 % left
	if got := get(t, s, key, m); got != "Bearer minted-2" {
		t.Errorf("17 %% left: %q, want a new token", got)
	}
}

func TestStoreSecretTokensLastMaxAge(t *testing.T) {
	clock := time.Now()
	s, key := newStore(t), testKey("ci")
	s.Now = func() time.Time { return clock }
	n := 0
	mint := func(context.Context) (*token.Token, error) {
		n++
		return token.NewToken("Bearer legacy", token.Secret, "secret argo/ci-token", time.Time{}), nil
	}
	for _, advance := range []time.Duration{0, 30 * time.Minute, 31 * time.Minute} {
		clock = clock.Add(advance)
		if _, err := s.Token(context.Background(), key, mint); err != nil {
			t.Fatal(err)
		}
	}
	if n != 2 {
		t.Errorf("read the Secret %d times over 61 minutes, want 2 (max age 1 h)", n)
	}
}
