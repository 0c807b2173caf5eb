package e2e

import (
	"context"
	"strings"
	"testing"
)

// 14. A stopped Argo Server: exit 4 with the URL. The server is started again for the other tests.
func TestArgoServerStopped(t *testing.T) {
	ns, e := submitter(t)
	cluster.StopArgoServer()
	defer func() {
		if err := cluster.StartArgoServer(context.Background()); err != nil {
			t.Fatalf("restarting the Argo Server: %v", err)
		}
	}()
	r := submit(t, e, helloWorkflow, "-f", "-")
	r.WantCode(t, 4)
	r.WantStderr(t, "https://"+cluster.ArgoServer)
	wantNothingCreated(t, ns)
}

// 15. TLS: the Argo Server's private CA is unknown by default (exit 4 with a hint); --argo-ca-file
// and --argo-insecure-skip-verify both succeed.
func TestArgoServerTLS(t *testing.T) {
	ns, e := submitter(t)
	r := run(t, e, helloWorkflow, "argo-submit", "-f", "-", "-v=10")
	r.WantCode(t, 4)
	r.WantStderr(t, "certificate", "--argo-ca-file")
	wantNothingCreated(t, ns)

	wantSubmitted(t, submit(t, e, helloWorkflow, "-f", "-"), ns, 1) // submit adds --argo-ca-file
	insecure := run(t, e, helloWorkflow, "argo-submit", "-f", "-", "--argo-insecure-skip-verify", "-v=10")
	insecure.WantCode(t, 0)
	if !strings.Contains(insecure.Stdout, "submitted") || len(workflows(t, ns)) != 2 {
		t.Errorf("insecure submission: %s", insecure.Stdout)
	}
}

// 16 (also checked over the whole suite by TestMain): the token subcommand prints the token on
// stdout only; its stderr at -v=10 holds none.
func TestTokenSubcommand(t *testing.T) {
	ns := newNamespace(t)
	serviceAccount(t, ns, "ci")
	grant(t, ns, "mint-ci", "User:bob", "create:serviceaccounts/token:ci")
	r := plugin.Kubectl(t, env{"KUBECONFIG": kubeconfig(t, "bob", ns)}, "", "argo-submit", "token", "--token-service-account", "ci", "-v=10")
	r.WantCode(t, 0)
	token := strings.TrimPrefix(strings.TrimSpace(r.Stdout), "Bearer ")
	if !jwtPattern.MatchString(token) {
		t.Fatalf("token printed %q, want a Bearer JWT", r.Stdout)
	}
	record.secret(token)
	record.add(t.Name(), r.Stderr) // stdout is the token, by design
	// The printed token works with the argo CLI's convention.
	wantSubmitted(t, submit(t, env{"ARGO_SERVER": cluster.ArgoServer, "ARGO_TOKEN": strings.TrimSpace(r.Stdout), "ARGO_NAMESPACE": ns,
		"KUBECONFIG": "/dev/null"}, helloWorkflow, "-f", "-"), ns, 1)
}
