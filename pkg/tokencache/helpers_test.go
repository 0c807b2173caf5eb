package tokencache

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"k8s.io/client-go/rest"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

// kubeCredential is the kubeconfig's token in the test keys: it must never reach a file.
const kubeCredential = "kube-credential-secret-9d1f"

func testKey(serviceAccount string) token.CacheKey {
	cfg := &rest.Config{Host: "https://10.0.0.1:6443", BearerToken: kubeCredential,
		TLSClientConfig: rest.TLSClientConfig{CAData: []byte("ca")}}
	return token.NewCacheKey(cfg, "admin", token.Settings{Mode: token.Request, ServiceAccount: serviceAccount,
		Namespace: "argo", Duration: time.Hour})
}

// minter mints "Bearer minted-1", "Bearer minted-2", … each living lifetime, taking delay.
type minter struct {
	count    atomic.Int32
	lifetime time.Duration
	delay    time.Duration
	err      error
}

func newMinter() *minter { return &minter{lifetime: time.Hour} }

func (m *minter) mint(ctx context.Context) (*token.Token, error) {
	if m.err != nil {
		return nil, m.err
	}
	n := m.count.Add(1)
	time.Sleep(m.delay)
	return token.NewToken(fmt.Sprintf("Bearer minted-%d", n), token.Request, "serviceaccount argo/ci",
		time.Now().Add(m.lifetime).Truncate(time.Second)), nil
}

func (m *minter) minted() int { return int(m.count.Load()) }

func newStore(t *testing.T) *Store {
	t.Helper()
	return &Store{Dir: filepath.Join(t.TempDir(), "argo-submit")}
}

// get resolves through the store and fails the test on an error.
func get(t *testing.T, s *Store, key token.CacheKey, m *minter) string {
	t.Helper()
	tok, err := s.Token(context.Background(), key, m.mint)
	if err != nil {
		t.Fatal(err)
	}
	return tok.Authorization()
}

func readEntryFile(t *testing.T, s *Store, key token.CacheKey) string {
	t.Helper()
	data, err := os.ReadFile(s.path(key.ID(), entrySuffix))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeEntryFile(t *testing.T, s *Store, key token.CacheKey, content string) {
	t.Helper()
	if err := os.MkdirAll(s.Dir, dirMode); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.path(key.ID(), entrySuffix), []byte(content), fileMode); err != nil {
		t.Fatal(err)
	}
}
