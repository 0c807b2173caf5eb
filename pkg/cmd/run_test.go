package cmd

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/cli-runtime/pkg/genericiooptions"
)

// result is one in-process run of the command.
type result struct {
	code           int
	stdout, stderr string
}

// invocation runs the command in-process with an injected environment; the process environment's
// KUBECONFIG and HOME are pointed at empty temp paths so the machine's own kubeconfig is never read.
type invocation struct {
	env   map[string]string
	stdin string
	// kubeconfig is the process's KUBECONFIG (clientcmd reads it from the process); empty means none.
	kubeconfig string
}

func (inv invocation) run(t *testing.T, args ...string) result {
	t.Helper()
	isolateKubeconfig(t)
	if inv.kubeconfig != "" {
		t.Setenv("KUBECONFIG", inv.kubeconfig)
	}
	var out, errOut bytes.Buffer
	streams := genericiooptions.IOStreams{In: strings.NewReader(inv.stdin), Out: &out, ErrOut: &errOut}
	getenv := func(key string) string { return inv.env[key] }
	code := Execute(context.Background(), args, streams, getenv, BuildInfo{Version: "v0.0.0-test"})
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

func isolateKubeconfig(t *testing.T) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("KUBECONFIG", filepath.Join(home, "no-such-kubeconfig"))
}

func (r result) wantCode(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

func (r result) wantStderr(t *testing.T, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if !strings.Contains(r.stderr, f) {
			t.Errorf("stderr lacks %q:\n%s", f, r.stderr)
		}
	}
}

func (r result) wantStdout(t *testing.T, want string) {
	t.Helper()
	if r.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, want)
	}
}
