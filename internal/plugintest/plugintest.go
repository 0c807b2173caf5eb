// Package plugintest builds the plugin and runs it as users do, through real `kubectl` plugin
// dispatch, for the cli and e2e test suites.
package plugintest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Plugin is a freshly built kubectl-argo_submit in a folder of its own, put first on PATH.
type Plugin struct {
	BinDir string
}

// Build compiles ./cmd/kubectl-argo_submit of the module at repoRoot into a new temporary folder;
// Remove deletes it.
func Build(repoRoot string) (*Plugin, error) {
	dir, err := os.MkdirTemp("", "argo-submit-plugin-")
	if err != nil {
		return nil, err
	}
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "kubectl-argo_submit"), "./cmd/kubectl-argo_submit")
	build.Dir = repoRoot
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("building the plugin: %w\n%s", err, out)
	}
	return &Plugin{BinDir: dir}, nil
}

// Remove deletes the built plugin.
func (p *Plugin) Remove() { os.RemoveAll(p.BinDir) }

// Result is one process run.
type Result struct {
	Code           int
	Stdout, Stderr string
}

// Combined is everything the run printed.
func (r Result) Combined() string { return r.Stdout + r.Stderr }

// Kubectl runs `kubectl ARGS` with the plugin on PATH and exactly env plus PATH and a fresh HOME:
// nothing of the developer's own environment, kubeconfig or ARGO_* variables leaks in.
func (p *Plugin) Kubectl(t testing.TB, env map[string]string, stdin string, args ...string) Result {
	t.Helper()
	kubectlPath, err := exec.LookPath("kubectl")
	if err != nil {
		t.Fatalf("kubectl is needed on PATH for plugin dispatch tests: %v", err)
	}
	cmd := exec.Command(kubectlPath, args...)
	cmd.Env = []string{"PATH=" + p.BinDir + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatalf("running kubectl: %v", err)
	}
	return Result{Code: code, Stdout: out.String(), Stderr: errOut.String()}
}

// WantCode fails the test, showing the output, when the exit code differs.
func (r Result) WantCode(t testing.TB, code int) {
	t.Helper()
	if r.Code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.Code, code, r.Stdout, r.Stderr)
	}
}

// WantStderr fails the test when stderr lacks a fragment.
func (r Result) WantStderr(t testing.TB, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if !strings.Contains(r.Stderr, f) {
			t.Errorf("stderr lacks %q:\n%s", f, r.Stderr)
		}
	}
}
