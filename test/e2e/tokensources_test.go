package e2e

import (
	"strings"
	"testing"
)

// 1. A direct token, as "Bearer …" in ARGO_TOKEN or bare in --argo-token, with no kubeconfig at all.
func TestDirectToken(t *testing.T) {
	ns := newNamespace(t)
	serviceAccount(t, ns, "ci")
	token := adminToken(t, ns, "ci")
	noKubeconfig := env{"ARGO_SERVER": cluster.ArgoServer, "KUBECONFIG": "/dev/null", "ARGO_NAMESPACE": ns}

	withBearer := env{"ARGO_TOKEN": "Bearer " + token}
	for k, v := range noKubeconfig {
		withBearer[k] = v
	}
	wantSubmitted(t, submit(t, withBearer, helloWorkflow, "-f", "-"), ns, 1)
	wantSubmitted(t, submit(t, noKubeconfig, helloWorkflow, "-f", "-", "--argo-token", token), ns, 2)
}

// 2. TokenRequest: bob may mint tokens for ci but may not create workflows himself, so the workflow
// exists only if ci's fresh token reached the Argo Server.
func TestTokenRequest(t *testing.T) {
	ns := newNamespace(t)
	serviceAccount(t, ns, "ci")
	grant(t, ns, "mint-ci", "User:bob", "create:serviceaccounts/token:ci")
	r := submit(t, argoEnv(kubeconfig(t, "bob", ns)), helloWorkflow, "-f", "-", "--token-service-account", "ci", "--token-source", "request")
	wantSubmitted(t, r, ns, 1)
}

// 3. Every way Argo finds a service account's legacy token Secret, filled by the real token controller.
func TestSecretLookups(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, ns string) []string // returns extra plugin args
	}{
		{"sa.secrets[0]", func(t *testing.T, ns string) []string {
			tokenSecret(t, ns, "listed-token", "ci")
			admin(t, "", "patch", "serviceaccount", "ci", "-n", ns, "--type=merge", "-p", `{"secrets":[{"name":"listed-token"}]}`)
			return nil
		}},
		{"annotation", func(t *testing.T, ns string) []string {
			tokenSecret(t, ns, "annotated-token", "ci")
			admin(t, "", "annotate", "serviceaccount", "ci", "-n", ns, "workflows.argoproj.io/service-account-token.name=annotated-token")
			return nil
		}},
		{"<sa>.service-account-token", func(t *testing.T, ns string) []string {
			tokenSecret(t, ns, "ci.service-account-token", "ci")
			return nil
		}},
		{"type and annotation search", func(t *testing.T, ns string) []string {
			tokenSecret(t, ns, "some-other-name", "ci")
			return nil
		}},
		{"--token-secret", func(t *testing.T, ns string) []string {
			tokenSecret(t, ns, "exact", "ci")
			return []string{"--token-secret", "exact"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns := newNamespace(t)
			serviceAccount(t, ns, "ci")
			grant(t, ns, "read-tokens", "User:bob", "get:serviceaccounts", "get,list:secrets")
			args := append([]string{"-f", "-", "--token-source", "secret", "--token-service-account", "ci"}, tc.setup(t, ns)...)
			wantSubmitted(t, submit(t, argoEnv(kubeconfig(t, "bob", ns)), helloWorkflow, args...), ns, 1)
			recordSecretTokens(t, ns)
		})
	}
}

// tokenSecret creates a kubernetes.io/service-account-token Secret, which the controller fills.
func tokenSecret(t *testing.T, ns, name, sa string) {
	t.Helper()
	admin(t, `apiVersion: v1
kind: Secret
metadata:
  name: `+name+`
  annotations: {kubernetes.io/service-account.name: `+sa+`}
type: kubernetes.io/service-account-token
`, "apply", "-n", ns, "-f", "-")
}

// recordSecretTokens adds the namespace's Secret tokens to the suite's leak check.
func recordSecretTokens(t *testing.T, ns string) {
	t.Helper()
	out := admin(t, "", "get", "secrets", "-n", ns, "--field-selector", "type=kubernetes.io/service-account-token",
		"-o", `go-template={{range .items}}{{index .data "token" | base64decode}}{{"\n"}}{{end}}`)
	record.secret(strings.Fields(out)...)
}

// 4. auto: the TokenRequest is forbidden to bob, so the Secret is read instead, and -v=1 says so.
func TestAutoFallsBackToSecret(t *testing.T) {
	ns := newNamespace(t)
	serviceAccount(t, ns, "ci")
	tokenSecret(t, ns, "ci.service-account-token", "ci")
	grant(t, ns, "read-tokens", "User:bob", "get:serviceaccounts", "get,list:secrets")
	r := submit(t, argoEnv(kubeconfig(t, "bob", ns)), helloWorkflow, "-f", "-", "--token-service-account", "ci")
	wantSubmitted(t, r, ns, 1)
	r.WantStderr(t, "is forbidden", "falling back to its legacy token Secret")
	recordSecretTokens(t, ns)
}

// 5. The kubeconfig's own credentials: a bearer-token user and an exec-plugin user succeed; a
// client-certificate user gets a clear error.
func TestKubeconfigSource(t *testing.T) {
	ns := newNamespace(t)
	for _, user := range []string{"bob", "carol"} {
		canSubmit(t, ns, "User:"+user)
	}
	wantSubmitted(t, submit(t, argoEnv(kubeconfig(t, "bob", ns)), helloWorkflow, "-f", "-"), ns, 1)
	wantSubmitted(t, submit(t, argoEnv(kubeconfig(t, "carol", ns)), helloWorkflow, "-f", "-", "--token-source", "kubeconfig"), ns, 2)

	r := submit(t, argoEnv(kubeconfig(t, "alice", ns)), helloWorkflow, "-f", "-")
	r.WantCode(t, 3)
	r.WantStderr(t, "client certificate", "--token-service-account", "--argo-token")
	if n := len(workflows(t, ns)); n != 2 {
		t.Errorf("%d workflows, want 2", n)
	}
	record.secret(cluster.StaticTokens["bob"], cluster.StaticTokens["carol"])
}

// 6. RBAC denial, on either side, exits 3 and names the verb and resource.
func TestRBACDenial(t *testing.T) {
	ns := newNamespace(t)
	admin(t, "", "create", "serviceaccount", "powerless", "-n", ns) // no workflow rights
	grant(t, ns, "mint", "User:bob", "create:serviceaccounts/token")

	argoDenies := submit(t, argoEnv(kubeconfig(t, "bob", ns)), helloWorkflow, "-f", "-", "--token-service-account", "powerless")
	argoDenies.WantCode(t, 3)
	argoDenies.WantStderr(t, "403", "create workflows.argoproj.io", ns)

	kubeDenies := submit(t, argoEnv(kubeconfig(t, "carol", ns)), helloWorkflow, "-f", "-",
		"--token-service-account", "powerless", "--token-source", "request")
	kubeDenies.WantCode(t, 3)
	kubeDenies.WantStderr(t, "create serviceaccounts/token", ns, "carol")
	wantNothingCreated(t, ns)
}

// 7. A garbage token and an expired (correctly signed) token get 401: exit 3.
func TestRejectedTokens(t *testing.T) {
	ns := newNamespace(t)
	serviceAccount(t, ns, "ci")
	expired, err := cluster.ExpiredToken(ns, "ci")
	if err != nil {
		t.Fatal(err)
	}
	record.secret(expired)
	for _, token := range []string{"garbage-not-a-token", expired} {
		r := submit(t, env{"ARGO_SERVER": cluster.ArgoServer, "ARGO_TOKEN": token, "ARGO_NAMESPACE": ns, "KUBECONFIG": "/dev/null"}, helloWorkflow, "-f", "-")
		r.WantCode(t, 3)
		r.WantStderr(t, "401")
	}
	wantNothingCreated(t, ns)
}
