package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The plugin makes no Kubernetes call it does not need: no discovery, no OpenAPI, no version probe.
// dave is the one user whose every request the API server audits; this test alone uses dave.
func TestOnlyNeededKubernetesCalls(t *testing.T) {
	ns := newNamespace(t)
	serviceAccount(t, ns, "ci")
	grant(t, ns, "dave-mints", "User:dave", "create:serviceaccounts/token:ci")
	grant(t, ns, "dave-lists", "User:dave", "list:serviceaccounts") // a role of its own: a name restriction would deny list
	e := argoEnv(kubeconfig(t, "dave", ns))

	run(t, e, "", "argo-submit", "--help").WantCode(t, 0)
	run(t, e, "", "argo-submit", "version", "--argo-ca-file", cluster.ArgoCAFile).WantCode(t, 0)
	if calls := daveCalls(t); len(calls) != 0 {
		t.Errorf("--help and version called the Kubernetes API: %v", calls)
	}
	submit(t, e, helloWorkflow, "-f", "-", "--token-service-account", "ci", "--token-cache=false").WantCode(t, 0)
	want := []string{fmt.Sprintf("create /api/v1/namespaces/%s/serviceaccounts/ci/token", ns)}
	if calls := daveCalls(t); !slices.Equal(calls, want) {
		t.Errorf("a submission with a TokenRequest called %v, want only %v", calls, want)
	}
	completed := run(t, e, "", "argo-submit", "__complete", "--token-service-account", "")
	if !strings.Contains(completed.Stdout, "ci\n") {
		t.Errorf("completion of --token-service-account printed %q (calls %v)", completed.Stdout, daveCalls(t))
	}
	want = append(want, fmt.Sprintf("list /api/v1/namespaces/%s/serviceaccounts", ns))
	if calls := daveCalls(t); !slices.Equal(calls, want) {
		t.Errorf("after completing a service account: %v, want %v", calls, want)
	}
}

// daveCalls lists dave's audited requests so far as "verb path", without the query.
func daveCalls(t *testing.T) []string {
	t.Helper()
	events, err := cluster.AuditEvents()
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	for _, e := range events {
		if e.User.Username == "dave" {
			path, _, _ := strings.Cut(e.RequestURI, "?")
			calls = append(calls, e.Verb+" "+path)
		}
	}
	return calls
}
