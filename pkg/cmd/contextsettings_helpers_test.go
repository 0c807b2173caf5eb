package cmd

import (
	"os"
	"strings"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

// kubeconfigWithSettings writes a kubeconfig for kube whose one context, "fake", has the namespace and
// the argo-submit extension given (JSON; "" for none).
func kubeconfigWithSettings(t *testing.T, kube *fakeserver.Kube, namespace, settings string) string {
	t.Helper()
	path := kube.WriteKubeconfig(t, namespace)
	if settings == "" {
		return path
	}
	const context = "context: {cluster: fake, user: admin,"
	content := mustRead(t, path)
	if !strings.Contains(content, context) {
		t.Fatalf("unexpected kubeconfig:\n%s", content)
	}
	content = strings.Replace(content, context, context+" extensions: [{name: argo-submit, extension: "+settings+"}],", 1)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// requestsTo counts the requests each fake Argo Server received.
func requestsTo(servers ...*fakeserver.Argo) []int {
	counts := make([]int, len(servers))
	for i, s := range servers {
		counts[i] = len(s.Requests())
	}
	return counts
}
