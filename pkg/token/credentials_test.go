package token

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

// mintingSource hands out "Bearer t1", "Bearer t2", … each valid for lifetime from now.
type mintingSource struct {
	mu       sync.Mutex
	minted   int
	lifetime time.Duration
	now      func() time.Time
	fail     error
}

func (m *mintingSource) resolve(context.Context) (*Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return nil, m.fail
	}
	m.minted++
	return NewToken(fmt.Sprintf("Bearer t%d", m.minted), Request, "serviceaccount argo/ci", m.now().Add(m.lifetime)), nil
}

func TestCredentialsRenewBeforeExpiry(t *testing.T) {
	clock := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	src := &mintingSource{lifetime: time.Hour, now: func() time.Time { return clock }}
	var seen []string
	creds := NewCredentials(ResolveFunc(src.resolve), func(tok *Token) { seen = append(seen, tok.Authorization()) })
	creds.now = func() time.Time { return clock }

	for _, step := range []struct {
		advance time.Duration
		want    string
	}{
		{0, "Bearer t1"},
		{30 * time.Minute, "Bearer t1"},          // still valid
		{28 * time.Minute, "Bearer t1"},          // 2 minutes left: more than renewBefore
		{90 * time.Second, "Bearer t2"},          // 30 s left: renewed before use
		{time.Hour - 2*time.Minute, "Bearer t2"}, // the new one lasts its own hour
	} {
		clock = clock.Add(step.advance)
		got, err := creds.Authorization(context.Background())
		if err != nil || got != step.want {
			t.Fatalf("after %s: %q, %v; want %q", step.advance, got, err, step.want)
		}
	}
	if len(seen) != 2 {
		t.Errorf("onToken saw %v, want each new token once", seen)
	}
}

func TestCredentialsRenewOnDemand(t *testing.T) {
	src := &mintingSource{now: time.Now} // wrapped below into tokens without expiry, like a direct token
	creds := NewCredentials(ResolveFunc(func(ctx context.Context) (*Token, error) {
		tok, err := src.resolve(ctx)
		if err != nil {
			return nil, err
		}
		return NewToken(tok.Authorization(), ArgoToken, "", time.Time{}), nil
	}), nil)
	first, _ := creds.Authorization(context.Background())
	again, _ := creds.Authorization(context.Background())
	if first != "Bearer t1" || again != first {
		t.Fatalf("a token without expiry must be reused: %q then %q", first, again)
	}
	if err := creds.Renew(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, _ := creds.Authorization(context.Background()); got != "Bearer t2" {
		t.Errorf("after Renew: %q, want Bearer t2", got)
	}
	src.fail = errors.New("service account deleted")
	if err := creds.Renew(context.Background()); err == nil || err.Error() != "service account deleted" {
		t.Errorf("Renew error = %v", err)
	}
}

func TestCredentialsConcurrentUseMintsOnce(t *testing.T) {
	src := &mintingSource{lifetime: time.Hour, now: time.Now}
	creds := NewCredentials(ResolveFunc(src.resolve), nil)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := creds.Authorization(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if src.minted != 1 {
		t.Errorf("minted %d tokens for 20 concurrent requests, want 1", src.minted)
	}
}
