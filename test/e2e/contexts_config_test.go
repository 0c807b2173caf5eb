package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/localcluster"
)

// Two "clusters" (two Argo Servers, two namespaces, two service accounts), configured once per kube
// context with `config set`; after `kubectl config use-context` a bare `kubectl argo-submit -f wf.yaml`
// goes to that context's server with that context's identity.
func TestUseContextCarriesServerAndIdentity(t *testing.T) {
	nsA, nsB := newNamespace(t), newNamespace(t)
	serverB, err := cluster.StartExtraArgoServer(context.Background(), nsB+"-argo")
	if err != nil {
		t.Fatal(err)
	}
	for ns, sa := range map[string]string{nsA: "ci-a", nsB: "ci-b"} {
		serviceAccount(t, ns, sa)
		grant(t, ns, "mint-"+sa, "User:bob", "create:serviceaccounts/token:"+sa)
	}
	config := kubeconfigWith(t,
		localcluster.Context{Name: "cluster-a", User: "bob", Namespace: nsA},
		localcluster.Context{Name: "cluster-b", User: "bob", Namespace: nsB})
	e := env{"KUBECONFIG": config, "KUBECACHEDIR": t.TempDir()}
	for _, set := range [][]string{
		{"--context", "cluster-a", "--argo-server", cluster.ArgoServer, "--token-service-account", "ci-a"},
		{"--context", "cluster-b", "--argo-server", serverB, "--token-service-account", "ci-b"},
	} {
		args := append([]string{"argo-submit", "config", "set", "--argo-ca-file", cluster.ArgoCAFile}, set...)
		run(t, e, "", args...).WantCode(t, 0)
	}
	view := run(t, e, "", "argo-submit", "config", "view", "--context", "cluster-b")
	view.WantCode(t, 0)
	if !strings.Contains(view.Stdout, serverB) || !strings.Contains(view.Stdout, "ci-b") {
		t.Errorf("config view for cluster-b:\n%s", view.Stdout)
	}

	// No flags, no ARGO_* variables: only the kubeconfig and its current context.
	bare := func() {
		t.Helper()
		run(t, e, helloWorkflow, "argo-submit", "-f", "-", "-o", "name").WantCode(t, 0)
	}
	bare()
	wantCreator(t, nsA, "ci-a")
	run(t, env{"KUBECONFIG": config}, "", "config", "use-context", "cluster-b").WantCode(t, 0)
	bare()
	wantCreator(t, nsB, "ci-b")

	// The route is the context's: with cluster-b's server stopped, cluster-b's submissions fail on
	// its URL while cluster-a's still work.
	cluster.StopExtraArgoServer(nsB + "-argo")
	down := run(t, e, helloWorkflow, "argo-submit", "-f", "-")
	down.WantCode(t, 4)
	down.WantStderr(t, serverB)
	run(t, e, helloWorkflow, "argo-submit", "-f", "-", "--context", "cluster-a").WantCode(t, 0)
}

// wantCreator checks the namespace's workflows were all created by service account sa: the Argo
// Server labels each with the identity of the token it received.
func wantCreator(t *testing.T, ns, sa string) {
	t.Helper()
	list := workflows(t, ns)
	if len(list) == 0 {
		t.Fatalf("no workflow in %s", ns)
	}
	want := "system-serviceaccount-" + ns + "-" + sa
	for _, wf := range list {
		if got := wf.Metadata.Labels["workflows.argoproj.io/creator"]; got != want {
			t.Errorf("%s/%s created by %q, want %q", ns, wf.Metadata.Name, got, want)
		}
	}
}

// tokenRequests counts the kube-apiserver's audited `create serviceaccounts/token` calls for ns/sa.
func tokenRequests(t *testing.T, ns, sa string) int {
	t.Helper()
	events, err := cluster.AuditEvents()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range events {
		ref := e.ObjectRef
		if e.Verb == "create" && ref.Resource == "serviceaccounts" && ref.Subresource == "token" && ref.Namespace == ns && ref.Name == sa {
			n++
		}
	}
	return n
}

// A second submission within the token's life makes no TokenRequest; --token-cache=false does.
func TestTokenCacheSavesTokenRequests(t *testing.T) {
	ns := newNamespace(t)
	serviceAccount(t, ns, "ci")
	grant(t, ns, "mint-ci", "User:bob", "create:serviceaccounts/token:ci")
	e := argoEnv(kubeconfig(t, "bob", ns))
	e["KUBECACHEDIR"] = t.TempDir()
	for range 2 {
		submit(t, e, helloWorkflow, "-f", "-", "--token-service-account", "ci").WantCode(t, 0)
	}
	if n := tokenRequests(t, ns, "ci"); n != 1 {
		t.Errorf("%d TokenRequests for two cached submissions, want 1", n)
	}
	submit(t, e, helloWorkflow, "-f", "-", "--token-service-account", "ci", "--token-cache=false").WantCode(t, 0)
	if n := tokenRequests(t, ns, "ci"); n != 2 {
		t.Errorf("%d TokenRequests after an uncached submission, want 2", n)
	}
	if n := len(workflows(t, ns)); n != 3 {
		t.Errorf("%d workflows, want 3", n)
	}
}

// The service account behind a cached token is deleted: the Argo Server answers 401, the entry is
// dropped, a new mint fails, and the error names the missing service account.
func TestCachedTokenOfDeletedServiceAccount(t *testing.T) {
	ns := newNamespace(t)
	serviceAccount(t, ns, "ci")
	grant(t, ns, "mint-ci", "User:bob", "create:serviceaccounts/token:ci")
	e := argoEnv(kubeconfig(t, "bob", ns))
	e["KUBECACHEDIR"] = t.TempDir()
	submit(t, e, helloWorkflow, "-f", "-", "--token-service-account", "ci").WantCode(t, 0)
	admin(t, "", "delete", "serviceaccount", "ci", "-n", ns)
	// kube-apiserver caches a successful token authentication for 10 s: only then is the
	// deleted account's token rejected.
	time.Sleep(11 * time.Second)
	r := submit(t, e, helloWorkflow, "-f", "-", "--token-service-account", "ci")
	r.WantCode(t, 3)
	r.WantStderr(t, "ci", ns, "not found")
	if n := tokenRequests(t, ns, "ci"); n != 2 {
		t.Errorf("%d TokenRequests, want the first mint and one re-mint after the 401", n)
	}
	if n := len(workflows(t, ns)); n != 1 {
		t.Errorf("%d workflows, want 1", n)
	}
}
