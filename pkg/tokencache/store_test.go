package tokencache

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/klogtest"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

func TestStoreMintsOnceThenReuses(t *testing.T) {
	s, m, key := newStore(t), newMinter(), testKey("ci")
	if got := get(t, s, key, m); got != "Bearer minted-1" {
		t.Fatalf("first: %q", got)
	}
	// A new Store on the same folder is the next run.
	next := &Store{Dir: s.Dir}
	tok, err := next.Token(context.Background(), key, m.mint)
	if err != nil || tok.Authorization() != "Bearer minted-1" || m.minted() != 1 {
		t.Fatalf("second run: %v, %v after %d mints", tok, err, m.minted())
	}
	if tok.Source != token.Request || tok.Subject != "serviceaccount argo/ci" || tok.Expiry.IsZero() {
		t.Errorf("the cached token lost its details: %#v", tok)
	}
	if got := get(t, s, testKey("deployer"), m); got != "Bearer minted-2" {
		t.Errorf("another key reused a token: %q", got)
	}
}

func TestStoreFileContent(t *testing.T) {
	s, key := newStore(t), testKey("ci")
	get(t, s, key, newMinter())
	content := readEntryFile(t, s, key)
	if strings.Contains(content, kubeCredential) {
		t.Fatalf("the entry holds the kubeconfig's credential:\n%s", content)
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(content), &fields); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"version", "key", "keyMaterial", "authorization", "expiry", "issuedAt", "source", "subject"} {
		if _, ok := fields[name]; !ok {
			t.Errorf("the entry lacks %q:\n%s", name, content)
		}
	}
	if fields["key"] != key.ID() || fields["source"] != "request" || fields["authorization"] != "Bearer minted-1" {
		t.Errorf("entry:\n%s", content)
	}
}

func TestStoreReplacesBadEntries(t *testing.T) {
	key := testKey("ci")
	valid := func(change func(*entry)) string {
		e := newEntry(key.ID(), key, token.NewToken("Bearer old", token.Request, "s", time.Now().Add(time.Hour)), time.Now())
		change(e)
		data, _ := json.Marshal(e)
		return string(data)
	}
	good := valid(func(*entry) {})
	for name, content := range map[string]string{
		"corrupt":            "{not json",
		"truncated":          good[:len(good)/2],
		"empty":              "",
		"wrong version":      valid(func(e *entry) { e.Version = 99 }),
		"wrong key":          valid(func(e *entry) { e.Key = testKey("other").ID() }),
		"no token":           valid(func(e *entry) { e.Authorization = "" }),
		"token with newline": valid(func(e *entry) { e.Authorization = "Bearer a\nb" }),
		"uncached source":    valid(func(e *entry) { e.Source = token.Kubeconfig }),
		"no issue time":      valid(func(e *entry) { e.IssuedAt = time.Time{} }),
	} {
		t.Run(name, func(t *testing.T) {
			s, m := newStore(t), newMinter()
			writeEntryFile(t, s, key, content)
			if got := get(t, s, key, m); got != "Bearer minted-1" {
				t.Fatalf("got %q from a bad entry", got)
			}
			if _, err := decodeEntry([]byte(readEntryFile(t, s, key)), key.ID()); err != nil {
				t.Errorf("the bad entry was not replaced: %v", err)
			}
		})
	}
	t.Run("the valid one is reused", func(t *testing.T) {
		s, m := newStore(t), newMinter()
		writeEntryFile(t, s, key, good)
		if got := get(t, s, key, m); got != "Bearer old" {
			t.Errorf("got %q", got)
		}
	})
}

func TestStoreRenewDropsTheEntryAndMints(t *testing.T) {
	s, m, key := newStore(t), newMinter(), testKey("ci")
	get(t, s, key, m)
	tok, err := s.Renew(context.Background(), key, m.mint)
	if err != nil || tok.Authorization() != "Bearer minted-2" {
		t.Fatalf("Renew: %v, %v", tok, err)
	}
	if got := get(t, s, key, m); got != "Bearer minted-2" || m.minted() != 2 {
		t.Errorf("after Renew the cache holds %q (%d mints)", got, m.minted())
	}

	m.err = errors.New(`serviceaccounts "ci" not found`)
	if _, err := s.Renew(context.Background(), key, m.mint); err != m.err {
		t.Fatalf("Renew error = %v, want the mint's", err)
	}
	if _, err := os.Stat(s.path(key.ID(), entrySuffix)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed Renew left the refused token cached: %v", err)
	}
}

func TestStoreMintErrorIsReturnedAndNothingCached(t *testing.T) {
	s, m, key := newStore(t), newMinter(), testKey("ci")
	m.err = errors.New("forbidden")
	if _, err := s.Token(context.Background(), key, m.mint); err != m.err {
		t.Fatalf("error = %v", err)
	}
	if _, err := os.Stat(s.path(key.ID(), entrySuffix)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("something was cached: %v", err)
	}
}

func TestStoreLockTimeoutMintsWithoutTheCache(t *testing.T) {
	s, m, key := newStore(t), newMinter(), testKey("ci")
	s.LockTimeout = 50 * time.Millisecond
	if err := ensureDir(s.Dir); err != nil {
		t.Fatal(err)
	}
	held := flock.New(s.path(key.ID(), lockSuffix))
	if ok, err := held.TryLock(); !ok || err != nil {
		t.Fatalf("cannot hold the lock: %v", err)
	}
	defer func() { _ = held.Unlock() }()
	start := time.Now()
	if got := get(t, s, key, m); got != "Bearer minted-1" {
		t.Fatalf("got %q", got)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("waited %s for a lock timeout of 50ms", waited)
	}
	if _, err := os.Stat(s.path(key.ID(), entrySuffix)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a token minted without the lock was written: %v", err)
	}
}

func TestStoreUnusableFolderMintsWithoutTheCache(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]string{"a file": file, "under a file": filepath.Join(file, "argo-submit"), "none": ""} {
		s, m := &Store{Dir: dir}, newMinter()
		if got := get(t, s, testKey("ci"), m); got != "Bearer minted-1" {
			t.Errorf("%s: got %q", name, got)
		}
		if _, err := s.Renew(context.Background(), testKey("ci"), m.mint); err != nil {
			t.Errorf("%s: Renew: %v", name, err)
		}
	}
}

func TestStoreLogsNoToken(t *testing.T) {
	logs := klogtest.Verbose(t, nil)
	s, m, key := newStore(t), newMinter(), testKey("ci")
	writeEntryFile(t, s, key, `{"version":1,"authorization":"Bearer minted-0 `)
	get(t, s, key, m)
	get(t, s, key, m)
	_, _ = s.Renew(context.Background(), key, m.mint)
	if out := logs.String(); strings.Contains(out, "minted-") || strings.Contains(out, kubeCredential) {
		t.Errorf("the logs show a token:\n%s", out)
	} else if !strings.Contains(out, "ignoring entry") {
		t.Errorf("the corrupt entry is not logged:\n%s", out)
	}
}
