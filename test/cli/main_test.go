// Package cli tests the built binary as users run it: through real `kubectl` plugin dispatch,
// as a separate process whose whole stdout and stderr (klog included) are captured.
package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// binDir holds the freshly built kubectl-argo_submit; it is put first on PATH for kubectl.
var binDir string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "argo-submit-cli-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "kubectl-argo_submit"), "../../cmd/kubectl-argo_submit")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the plugin: %v\n%s", err, out)
		return 1
	}
	binDir = dir
	return m.Run()
}

// run is one process run.
type run struct {
	code           int
	stdout, stderr string
}

func (r run) combined() string { return r.stdout + r.stderr }

// kubectl runs `kubectl ARGS` with the plugin on PATH and exactly env (plus PATH and HOME): nothing of
// the developer's own environment, kubeconfig or ARGO_* variables leaks in.
func kubectl(t *testing.T, env map[string]string, stdin string, args ...string) run {
	t.Helper()
	kubectlPath, err := exec.LookPath("kubectl")
	if err != nil {
		t.Fatalf("kubectl is needed on PATH for plugin dispatch tests: %v", err)
	}
	cmd := exec.Command(kubectlPath, args...)
	cmd.Env = []string{"PATH=" + binDir + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	code := 0
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	} else if err != nil {
		t.Fatalf("running kubectl: %v", err)
	}
	return run{code: code, stdout: out.String(), stderr: errOut.String()}
}

func (r run) wantCode(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}
