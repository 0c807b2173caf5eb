package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Completion through real kubectl (≥1.26): kubectl runs the kubectl_complete-argo_submit helper,
// which asks the plugin, which lists the service accounts of the real cluster.
func TestCompletionThroughKubectl(t *testing.T) {
	helper, err := os.ReadFile("../../hack/completion/kubectl_complete-argo_submit")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(plugin.BinDir, "kubectl_complete-argo_submit"), helper, 0o755); err != nil {
		t.Fatal(err)
	}
	ns := newNamespace(t)
	for _, sa := range []string{"builder", "deployer"} {
		admin(t, "", "create", "serviceaccount", sa, "-n", ns)
	}
	grant(t, ns, "list-sas", "User:bob", "list:serviceaccounts")
	e := env{"KUBECONFIG": kubeconfig(t, "bob", ns)}

	r := run(t, e, "", "__complete", "argo-submit", "--token-service-account", "")
	r.WantCode(t, 0)
	lines := strings.Split(strings.TrimSpace(r.Stdout), "\n")
	got := strings.Join(lines[:len(lines)-1], ",")
	if got != "builder,default,deployer" || !strings.HasPrefix(lines[len(lines)-1], ":") {
		t.Errorf("completion candidates %q, want builder,default,deployer and a directive:\n%s", got, r.Stdout)
	}
	wantQuietStderr(t, r.Stderr)

	// -n given earlier on the line selects the namespace; alice may list nothing: no candidates, no noise.
	other := run(t, env{"KUBECONFIG": kubeconfig(t, "alice", ns)}, "", "__complete", "argo-submit", "-n", ns, "--token-service-account", "")
	other.WantCode(t, 0)
	if strings.TrimSpace(other.Stdout) != ":4" {
		t.Errorf("forbidden completion printed %q", other.Stdout)
	}
	wantQuietStderr(t, other.Stderr)
}

// wantQuietStderr allows only what kubectl and cobra always write during __complete (shells discard
// stderr there): kubectl's "[Debug]" lines and cobra's closing directive line. Anything else, an error
// or a log line, would be noise from the plugin.
func wantQuietStderr(t *testing.T, stderr string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line != "" && !strings.HasPrefix(line, "[Debug]") && !strings.HasPrefix(line, "Completion ended with directive:") {
			t.Errorf("completion wrote to stderr: %q", line)
		}
	}
}
