package cmd

import (
	"strings"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

// kubeEnv is a user with a kubeconfig: the Argo Server comes from the env, the rest from the kubeconfig.
func kubeEnv(argo *fakeserver.Argo) map[string]string {
	return map[string]string{"ARGO_SERVER": argo.HostPort(), "ARGO_SECURE": "false"}
}

func TestTokenSourcesReachTheArgoServer(t *testing.T) {
	for _, tc := range []struct {
		name      string
		args      []string
		forbid    bool
		wantToken func(k *fakeserver.Kube) string
		wantCalls []string
	}{
		{"request", []string{"--token-service-account", "ci"}, false,
			func(k *fakeserver.Kube) string { return k.MintedToken },
			[]string{"POST /api/v1/namespaces/team-a/serviceaccounts/ci/token"}},
		{"auto falls back to secret when TokenRequest is forbidden", []string{"--token-service-account", "ci"}, true,
			func(k *fakeserver.Kube) string { return k.SecretToken },
			[]string{"POST /api/v1/namespaces/team-a/serviceaccounts/ci/token", "GET /api/v1/namespaces/team-a/serviceaccounts/ci", "GET /api/v1/namespaces/team-a/secrets/ci-token"}},
		{"secret", []string{"--token-source", "secret", "--token-service-account", "ci"}, false,
			func(k *fakeserver.Kube) string { return k.SecretToken },
			[]string{"GET /api/v1/namespaces/team-a/serviceaccounts/ci", "GET /api/v1/namespaces/team-a/secrets/ci-token"}},
		{"exact secret", []string{"--token-secret", "ci-token", "--token-namespace", "tokens"}, false,
			func(k *fakeserver.Kube) string { return k.SecretToken },
			[]string{"GET /api/v1/namespaces/tokens/secrets/ci-token"}},
		{"kubeconfig", nil, false,
			func(k *fakeserver.Kube) string { return k.AdminToken },
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			argo := fakeserver.NewArgo(t, false)
			kube := fakeserver.NewKube(t)
			kube.ForbidTokenRequest = tc.forbid
			args := append([]string{"testdata/hello.yaml", "--kubeconfig", kube.WriteKubeconfig(t, "team-a")}, tc.args...)
			r := invocation{env: kubeEnv(argo)}.run(t, args...)
			r.wantCode(t, ExitOK)
			reqs := argo.Requests()
			if len(reqs) != 1 || reqs[0].Authorization != "Bearer "+tc.wantToken(kube) || reqs[0].Path != "/api/v1/workflows/team-a" {
				t.Fatalf("Argo Server got %+v", reqs)
			}
			if got := strings.Join(kube.Calls(), "\n"); got != strings.Join(tc.wantCalls, "\n") {
				t.Errorf("Kubernetes API calls:\n%s\nwant:\n%s", got, strings.Join(tc.wantCalls, "\n"))
			}
		})
	}
}

func TestTokenSubcommandPrintsAuthorization(t *testing.T) {
	kube := fakeserver.NewKube(t)
	r := invocation{}.run(t, "token", "--kubeconfig", kube.WriteKubeconfig(t, "team-a"), "--token-service-account", "ci")
	r.wantCode(t, ExitOK)
	r.wantStdout(t, "Bearer "+kube.MintedToken+"\n")

	r = invocation{env: map[string]string{"ARGO_TOKEN": "Basic dXNlcjpwYXNz"}}.run(t, "token")
	r.wantCode(t, ExitOK)
	r.wantStdout(t, "Basic dXNlcjpwYXNz\n")
}

func TestTokenFailuresAreAuthErrors(t *testing.T) {
	kube := fakeserver.NewKube(t)
	config := kube.WriteKubeconfig(t, "team-a")

	r := invocation{}.run(t, "token", "--kubeconfig", config, "--token-source", "request", "--token-service-account", "missing")
	r.wantCode(t, ExitAuth)
	r.wantStderr(t, "missing", "team-a")

	kube.ForbidTokenRequest = true
	r = invocation{}.run(t, "token", "--kubeconfig", config, "--token-source", "request", "--token-service-account", "ci")
	r.wantCode(t, ExitAuth)
	r.wantStderr(t, "create", "serviceaccounts/token", "team-a")

	kube.AdminToken = "rotated" // the kubeconfig's own credentials are now rejected
	r = invocation{}.run(t, "token", "--kubeconfig", config, "--token-service-account", "ci")
	r.wantCode(t, ExitAuth)
}

func TestKubernetesAPIUnreachable(t *testing.T) {
	kube := fakeserver.NewKube(t)
	config := kube.WriteKubeconfig(t, "team-a")
	kube.Close()
	r := invocation{}.run(t, "token", "--kubeconfig", config, "--token-service-account", "ci")
	r.wantCode(t, ExitUnreachable)
	r.wantStderr(t, strings.TrimPrefix(kube.URL, "http://"))
}

func TestNoKubeconfigSaysHowToGiveAToken(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	for _, args := range [][]string{{"testdata/hello.yaml"}, {"testdata/hello.yaml", "--token-service-account", "ci"}} {
		r := invocation{env: kubeEnv(argo)}.run(t, args...)
		r.wantCode(t, ExitAuth)
		r.wantStderr(t, "no kubeconfig found", "--argo-token", "ARGO_NAMESPACE")
	}
	if n := len(argo.Requests()); n != 0 {
		t.Errorf("%d requests reached the Argo Server without a token", n)
	}
}
