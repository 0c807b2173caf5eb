package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

// twoFileKubeconfig splits a kubeconfig the way users do with KUBECONFIG=a:b: clusters and contexts in
// one file, users in another. Context "ci" uses a static token in namespace team-a; context "dev" uses
// an exec credential plugin in namespace team-b.
func twoFileKubeconfig(t *testing.T, kube *fakeserver.Kube, execToken string) string {
	t.Helper()
	dir := t.TempDir()
	plugin := filepath.Join(dir, "credential-plugin")
	writeExecutable(t, plugin, fmt.Sprintf(`#!/bin/sh
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}'
`, execToken))
	ca := strings.SplitN(mustRead(t, kube.WriteKubeconfig(t, "x")), "certificate-authority-data: ", 2)[1]
	ca = strings.SplitN(ca, "\n", 2)[0]
	contexts := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster: {server: %s, certificate-authority-data: %s}
contexts:
- name: ci
  context: {cluster: fake, user: ci-user, namespace: team-a}
- name: dev
  context: {cluster: fake, user: dev-user, namespace: team-b}
current-context: ci
`, kube.URL, ca)
	users := fmt.Sprintf(`apiVersion: v1
kind: Config
users:
- name: ci-user
  user: {token: %s}
- name: dev-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: %s
      interactiveMode: Never
`, kube.AdminToken, plugin)
	a, b := filepath.Join(dir, "contexts.yaml"), filepath.Join(dir, "users.yaml")
	for path, content := range map[string]string{a: contexts, b: users} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return a + string(os.PathListSeparator) + b
}

func writeExecutable(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o700); err != nil {
		t.Fatal(err)
	}
}

// Switching --context switches the namespace and the identity sent to the Argo Server.
func TestContextSwitchesNamespaceAndIdentity(t *testing.T) {
	const execToken = "exec-plugin-secret-4c3d"
	kube := fakeserver.NewKube(t)
	kubeconfig := twoFileKubeconfig(t, kube, execToken)
	for _, tc := range []struct {
		args         []string
		path, bearer string
	}{
		{nil, "/api/v1/workflows/team-a", kube.AdminToken},
		{[]string{"--context", "dev"}, "/api/v1/workflows/team-b", execToken},
		{[]string{"--context", "dev", "-n", "other"}, "/api/v1/workflows/other", execToken},
	} {
		argo := fakeserver.NewArgo(t, false)
		r := invocation{env: kubeEnv(argo), kubeconfig: kubeconfig}.run(t, append([]string{"testdata/hello.yaml"}, tc.args...)...)
		r.wantCode(t, ExitOK)
		reqs := argo.Requests()
		if len(reqs) != 1 || reqs[0].Path != tc.path || reqs[0].Authorization != "Bearer "+tc.bearer {
			t.Errorf("%v: Argo Server got %+v, want %s with the %s token", tc.args, reqs, tc.path, tc.bearer)
		}
	}
}

// The kube identity of the context is the one that mints the service account's token.
func TestTokenRequestUsesTheContextsNamespace(t *testing.T) {
	kube := fakeserver.NewKube(t)
	kubeconfig := twoFileKubeconfig(t, kube, "unused")
	argo := fakeserver.NewArgo(t, false)
	r := invocation{env: kubeEnv(argo), kubeconfig: kubeconfig}.run(t, "testdata/hello.yaml", "--token-service-account", "ci")
	r.wantCode(t, ExitOK)
	if calls := kube.Calls(); len(calls) != 1 || calls[0] != "POST /api/v1/namespaces/team-a/serviceaccounts/ci/token" {
		t.Errorf("Kubernetes API calls %v", calls)
	}
	if got := argo.Requests()[0].Authorization; got != "Bearer "+kube.MintedToken {
		t.Errorf("Argo Server got Authorization %q", got)
	}
}
