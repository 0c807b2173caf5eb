package cli

import (
	"encoding/base64"
	"os"
	"strings"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

func mustWorkflow(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../pkg/cmd/testdata/hello.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestTokensNeverPrinted runs failing and verbose (-v=10, where client-go logs request and response
// bodies) submissions and checks that no token, in any encoding, reaches stdout or stderr.
func TestTokensNeverPrinted(t *testing.T) {
	const direct = "direct-secret-1a2b"
	for _, tc := range []struct {
		name      string
		args      []string
		argoFails int // HTTP status of the Argo Server's answer, 0 = accept
		forbid    bool
		wantCode  int
		wantLog   string // proves the verbose path really ran
	}{
		{"request at -v=10", []string{"--token-service-account", "ci", "-v=10", "-o", "yaml"}, 0, false, 0, "Response Body"},
		{"request rejected with 401", []string{"--token-service-account", "ci", "-v=10"}, 401, false, 3, "Response Body"},
		{"secret fallback at -v=10", []string{"--token-service-account", "ci", "-v=10"}, 0, true, 0, "Response Body"},
		{"kubeconfig token refused with 403", []string{"-v=10"}, 403, false, 3, "POST"},
		{"direct token refused with 401", []string{"--argo-token", direct, "-v=10"}, 401, false, 3, "POST"},
		{"server dry run", []string{"--token-service-account", "ci", "-v=9", "--dry-run=server"}, 0, false, 0, "serviceaccounts/ci/token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			argo := fakeserver.NewArgo(t, false)
			if tc.argoFails != 0 {
				argo.Respond = func(int, fakeserver.ArgoRequest) fakeserver.ArgoResponse {
					return fakeserver.ArgoResponse{Status: tc.argoFails, Code: 16, Message: "token rejected"}
				}
			}
			kube := fakeserver.NewKube(t)
			kube.ForbidTokenRequest = tc.forbid
			env := map[string]string{"KUBECONFIG": kube.WriteKubeconfig(t, "argo"), "ARGO_SERVER": argo.HostPort(), "ARGO_SECURE": "false"}
			r := kubectl(t, env, mustWorkflow(t), append([]string{"argo-submit", "-f", "-"}, tc.args...)...)
			r.WantCode(t, tc.wantCode)
			if len(argo.Requests()) == 0 || !strings.Contains(r.Stderr, tc.wantLog) {
				t.Fatalf("the run did not reach the Argo Server or log %q:\n%s", tc.wantLog, r.Stderr)
			}
			if strings.Contains(r.Stderr, "kubeconfig-credentials.invalid") {
				t.Errorf("the kubeconfig source's captured request, never sent, was logged:\n%s", r.Stderr)
			}
			for _, secret := range []string{kube.MintedToken, kube.SecretToken, kube.AdminToken, direct,
				base64.StdEncoding.EncodeToString([]byte(kube.SecretToken))} {
				if strings.Contains(r.Combined(), secret) {
					t.Errorf("output contains the token %q:\n%s", secret, r.Combined())
				}
			}
		})
	}
}

// The token subcommand is the one place a token is printed, and only on stdout.
func TestTokenSubcommandPrintsOnlyToStdout(t *testing.T) {
	kube := fakeserver.NewKube(t)
	env := map[string]string{"KUBECONFIG": kube.WriteKubeconfig(t, "argo")}
	r := kubectl(t, env, "", "argo-submit", "token", "--token-service-account", "ci", "-v=10")
	r.WantCode(t, 0)
	if r.Stdout != "Bearer "+kube.MintedToken+"\n" {
		t.Errorf("stdout %q", r.Stdout)
	}
	if strings.Contains(r.Stderr, kube.MintedToken) || strings.Contains(r.Stderr, kube.AdminToken) {
		t.Errorf("stderr contains a token:\n%s", r.Stderr)
	}
}
