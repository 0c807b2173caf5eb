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
	"time"
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
	cmd := p.command(t, env, stdin, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return Result{Code: exitCode(t, err), Stdout: out.String(), Stderr: errOut.String()}
}

func (p *Plugin) command(t testing.TB, env map[string]string, stdin string, args ...string) *exec.Cmd {
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
	return cmd
}

func exitCode(t testing.TB, err error) int {
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exitErr):
		return exitErr.ExitCode()
	}
	t.Errorf("running kubectl: %v", err)
	return -1
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

// Running is a plugin run in the background, for tests that act while it waits.
type Running struct {
	cmd         *exec.Cmd
	out, errOut bytes.Buffer
	done        chan struct{}
	result      Result
}

// Start runs `kubectl ARGS` like Kubectl, without waiting for it; Wait collects it. The process is
// killed when the test ends, should the test not have waited.
func (p *Plugin) Start(t testing.TB, env map[string]string, stdin string, args ...string) *Running {
	t.Helper()
	r := &Running{done: make(chan struct{})}
	r.cmd = p.command(t, env, stdin, args...)
	r.cmd.Stdout, r.cmd.Stderr = &r.out, &r.errOut
	if err := r.cmd.Start(); err != nil {
		t.Fatalf("starting kubectl: %v", err)
	}
	go func() {
		err := r.cmd.Wait()
		r.result = Result{Code: exitCode(t, err), Stdout: r.out.String(), Stderr: r.errOut.String()}
		close(r.done)
	}()
	t.Cleanup(func() {
		_ = r.cmd.Process.Kill()
		<-r.done
	})
	return r
}

// Wait returns the run's result, failing the test if it takes longer than timeout.
func (r *Running) Wait(t testing.TB, timeout time.Duration) Result {
	t.Helper()
	select {
	case <-r.done:
		return r.result
	case <-time.After(timeout):
		_ = r.cmd.Process.Kill()
		<-r.done
		t.Fatalf("the plugin did not finish within %s\nstdout:\n%s\nstderr:\n%s", timeout, r.result.Stdout, r.result.Stderr)
		return Result{}
	}
}

// Signal sends sig to the running kubectl, which passes it on to the plugin.
func (r *Running) Signal(sig os.Signal) error { return r.cmd.Process.Signal(sig) }
