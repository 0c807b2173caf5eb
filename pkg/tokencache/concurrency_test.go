package tokencache

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

func TestConcurrentGoroutinesMintOnce(t *testing.T) {
	s, m, key := newStore(t), newMinter(), testKey("ci")
	m.delay = 100 * time.Millisecond
	var wg sync.WaitGroup
	got := make([]string, 20)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each goroutine a run of its own: its own Store, its own lock descriptor.
			tok, err := (&Store{Dir: s.Dir}).Token(context.Background(), key, m.mint)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = tok.Authorization()
		}()
	}
	wg.Wait()
	if m.minted() != 1 {
		t.Errorf("20 goroutines minted %d tokens, want 1", m.minted())
	}
	for i, g := range got {
		if g != "Bearer minted-1" {
			t.Errorf("goroutine %d got %q", i, g)
		}
	}
}

// Environment of the helper process that TestConcurrentProcessesMintOnce starts.
const (
	helperDirEnv  = "TOKENCACHE_TEST_HELPER_DIR"
	helperMintLog = "TOKENCACHE_TEST_HELPER_MINT_LOG"
)

func TestConcurrentProcessesMintOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "argo-submit")
	mintLog := filepath.Join(t.TempDir(), "mints")
	var wg sync.WaitGroup
	outputs := make([]string, 5)
	for i := range outputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
			cmd.Env = append(os.Environ(), helperDirEnv+"="+dir, helperMintLog+"="+mintLog)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Errorf("helper %d: %v\n%s", i, err, out)
			}
			outputs[i] = string(out)
		}()
	}
	wg.Wait()
	mints, err := os.ReadFile(mintLog)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(mints), "\n"); n != 1 {
		t.Errorf("5 processes minted %d tokens, want 1", n)
	}
	for i, out := range outputs {
		if !strings.Contains(out, "helper got Bearer process-token\n") {
			t.Errorf("helper %d:\n%s", i, out)
		}
	}
}

// TestHelperProcess is one run of TestConcurrentProcessesMintOnce: it does nothing in a normal
// test run.
func TestHelperProcess(t *testing.T) {
	dir := os.Getenv(helperDirEnv)
	if dir == "" {
		t.Skip("started only as a helper process")
	}
	mint := func(context.Context) (*token.Token, error) {
		f, err := os.OpenFile(os.Getenv(helperMintLog), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, err
		}
		_, err = fmt.Fprintf(f, "minted by %d\n", os.Getpid())
		if closeErr := f.Close(); err == nil {
			err = closeErr
		}
		time.Sleep(300 * time.Millisecond) // the others start and wait meanwhile
		return token.NewToken("Bearer process-token", token.Request, "serviceaccount argo/ci", time.Now().Add(time.Hour)), err
	}
	tok, err := (&Store{Dir: dir}).Token(context.Background(), testKey("ci"), mint)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("helper got %s\n", tok.Authorization())
}
