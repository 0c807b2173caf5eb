package cmd

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

// The Argo Server: --argo-server > ARGO_SERVER > the context's argoServer > none (a usage error).
func TestArgoServerPrecedence(t *testing.T) {
	for _, tc := range []struct {
		name           string
		flag, env, ctx bool
		want           []int // requests at the flag's, the env's and the context's server
		wantCode       int
	}{
		{"flag", true, true, true, []int{1, 0, 0}, ExitOK},
		{"env", false, true, true, []int{0, 1, 0}, ExitOK},
		{"context", false, false, true, []int{0, 0, 1}, ExitOK},
		{"none", false, false, false, []int{0, 0, 0}, ExitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			flagSrv, envSrv, ctxSrv := fakeserver.NewArgo(t, false), fakeserver.NewArgo(t, false), fakeserver.NewArgo(t, false)
			settings := ""
			if tc.ctx {
				settings = fmt.Sprintf(`{argoServer: "http://%s"}`, ctxSrv.HostPort())
			}
			env := map[string]string{"ARGO_TOKEN": directToken}
			if tc.env {
				env["ARGO_SERVER"] = "http://" + envSrv.HostPort()
			}
			args := []string{"testdata/hello.yaml", "--kubeconfig", kubeconfigWithSettings(t, fakeserver.NewKube(t), "team-a", settings)}
			if tc.flag {
				args = append(args, "--argo-server", "http://"+flagSrv.HostPort())
			}
			r := invocation{env: env}.run(t, args...)
			r.wantCode(t, tc.wantCode)
			if got := requestsTo(flagSrv, envSrv, ctxSrv); !slices.Equal(got, tc.want) {
				t.Errorf("requests %v, want %v", got, tc.want)
			}
			if tc.wantCode == ExitOK && ctxSrv.Requests() != nil && ctxSrv.Requests()[0].Path != "/api/v1/workflows/team-a" {
				t.Errorf("the context's server got %s", ctxSrv.Requests()[0].Path)
			}
		})
	}
}

// The identity: --token-service-account > ARGO_TOKEN (a token given as is) > the context's
// tokenServiceAccount > the kubeconfig's own credentials.
func TestTokenServiceAccountPrecedence(t *testing.T) {
	for _, tc := range []struct {
		name      string
		settings  string
		args      []string
		env       map[string]string
		wantToken func(*fakeserver.Kube) string
		wantCalls []string
	}{
		{"flag", `{tokenServiceAccount: nobody}`, []string{"--token-service-account", "ci"}, nil,
			func(k *fakeserver.Kube) string { return k.MintedToken }, []string{"POST /api/v1/namespaces/team-a/serviceaccounts/ci/token"}},
		{"env token", `{tokenServiceAccount: ci, tokenSource: request}`, nil, map[string]string{"ARGO_TOKEN": directToken},
			func(*fakeserver.Kube) string { return directToken }, nil},
		{"context", `{tokenServiceAccount: ci}`, nil, nil,
			func(k *fakeserver.Kube) string { return k.MintedToken }, []string{"POST /api/v1/namespaces/team-a/serviceaccounts/ci/token"}},
		{"default", "", nil, nil,
			func(k *fakeserver.Kube) string { return k.AdminToken }, nil},
		// A source chosen on the command line takes only what it reads: no conflict with the context's account.
		{"flag source", `{tokenServiceAccount: ci, tokenAudiences: [x], tokenDuration: 2h}`, []string{"--token-source", "kubeconfig"}, nil,
			func(k *fakeserver.Kube) string { return k.AdminToken }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			argo, kube := fakeserver.NewArgo(t, false), fakeserver.NewKube(t)
			env := kubeEnv(argo)
			for k, v := range tc.env {
				env[k] = v
			}
			args := append([]string{"testdata/hello.yaml", "--kubeconfig", kubeconfigWithSettings(t, kube, "team-a", tc.settings)}, tc.args...)
			invocation{env: env}.run(t, args...).wantCode(t, ExitOK)
			if reqs := argo.Requests(); len(reqs) != 1 || reqs[0].Authorization != "Bearer "+tc.wantToken(kube) {
				t.Errorf("the Argo Server got %+v", reqs)
			}
			if got := kube.Calls(); !slices.Equal(got, tc.wantCalls) {
				t.Errorf("Kubernetes API calls %v, want %v", got, tc.wantCalls)
			}
		})
	}
}

// The lifetime asked of a TokenRequest: --token-duration > the context's tokenDuration > 1h.
func TestTokenDurationPrecedence(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings string
		args     []string
		want     int64
	}{
		{"flag", `{tokenServiceAccount: ci, tokenDuration: 2h}`, []string{"--token-duration", "30m"}, 1800},
		{"context", `{tokenServiceAccount: ci, tokenDuration: 2h}`, nil, 7200},
		{"default", `{tokenServiceAccount: ci}`, nil, 3600},
	} {
		t.Run(tc.name, func(t *testing.T) {
			argo, kube := fakeserver.NewArgo(t, false), fakeserver.NewKube(t)
			args := append([]string{"testdata/hello.yaml", "--kubeconfig", kubeconfigWithSettings(t, kube, "team-a", tc.settings)}, tc.args...)
			invocation{env: kubeEnv(argo)}.run(t, args...).wantCode(t, ExitOK)
			if got := kube.TokenRequests(); len(got) != 1 || got[0].ExpirationSeconds != tc.want {
				t.Errorf("TokenRequests %+v, want expirationSeconds %d", got, tc.want)
			}
		})
	}
}

// The namespace: -n > ARGO_NAMESPACE > the context's argo-submit namespace > the context's own > default.
func TestNamespacePrecedence(t *testing.T) {
	for _, tc := range []struct {
		name, contextNamespace, settings string
		args                             []string
		env                              map[string]string
		want                             string
	}{
		{"flag", "team-a", `{namespace: ext}`, []string{"-n", "flag"}, map[string]string{"ARGO_NAMESPACE": "env"}, "flag"},
		{"env", "team-a", `{namespace: ext}`, nil, map[string]string{"ARGO_NAMESPACE": "env"}, "env"},
		{"context setting", "team-a", `{namespace: ext}`, nil, nil, "ext"},
		{"context namespace", "team-a", "", nil, nil, "team-a"},
		{"default", "", "", nil, nil, "default"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			argo := fakeserver.NewArgo(t, false)
			env := map[string]string{"ARGO_SERVER": argo.HostPort(), "ARGO_SECURE": "false", "ARGO_TOKEN": directToken}
			for k, v := range tc.env {
				env[k] = v
			}
			args := append([]string{"testdata/hello.yaml", "--kubeconfig", kubeconfigWithSettings(t, fakeserver.NewKube(t), tc.contextNamespace, tc.settings)}, tc.args...)
			invocation{env: env}.run(t, args...).wantCode(t, ExitOK)
			if reqs := argo.Requests(); len(reqs) != 1 || reqs[0].Path != "/api/v1/workflows/"+tc.want {
				t.Errorf("the Argo Server got %+v, want namespace %s", reqs, tc.want)
			}
		})
	}
}

// The context's namespace is also where its service account's token is requested, for submission and `token`.
func TestContextNamespaceAndAccountReachTheToken(t *testing.T) {
	argo, kube := fakeserver.NewArgo(t, false), fakeserver.NewKube(t)
	config := kubeconfigWithSettings(t, kube, "team-a", `{namespace: ext, tokenServiceAccount: ci, tokenAudiences: [aud]}`)
	invocation{env: kubeEnv(argo)}.run(t, "testdata/hello.yaml", "--kubeconfig", config).wantCode(t, ExitOK)
	r := invocation{}.run(t, "token", "--kubeconfig", config)
	r.wantCode(t, ExitOK)
	r.wantStdout(t, "Bearer "+kube.MintedToken+"\n")
	want := "POST /api/v1/namespaces/ext/serviceaccounts/ci/token"
	if calls := kube.Calls(); len(calls) != 2 || calls[0] != want || calls[1] != want {
		t.Errorf("Kubernetes API calls %v, want two of %s", calls, want)
	}
	if specs := kube.TokenRequests(); len(specs) != 2 || !slices.Equal(specs[0].Audiences, []string{"aud"}) {
		t.Errorf("TokenRequests %+v", specs)
	}
}

// The context's TLS settings describe its own server: they are not carried to one named by ARGO_SERVER.
func TestContextTLSSettingsComeWithItsServer(t *testing.T) {
	argo := fakeserver.NewArgo(t, true)
	kube := fakeserver.NewKube(t)
	caFile := writeFile(t, "ca.pem", argo.CAPEM())
	for _, tc := range []struct {
		name, settings string
		env            map[string]string
		want           int
	}{
		{"CA file", fmt.Sprintf(`{argoServer: %q, argoCAFile: %q}`, argo.HostPort(), caFile), nil, ExitOK},
		{"skip verify", fmt.Sprintf(`{argoServer: %q, argoInsecureSkipVerify: true}`, argo.HostPort()), nil, ExitOK},
		{"not for another server", `{argoServer: "elsewhere.invalid:1", argoInsecureSkipVerify: true}`, map[string]string{"ARGO_SERVER": argo.HostPort()}, ExitUnreachable},
		{"a flag takes the TLS choice whole", fmt.Sprintf(`{argoServer: %q, argoInsecureSkipVerify: true}`, argo.HostPort()), nil, ExitOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"ARGO_TOKEN": directToken, "ARGO_NAMESPACE": "argo"}
			for k, v := range tc.env {
				env[k] = v
			}
			args := []string{"testdata/hello.yaml", "--kubeconfig", kubeconfigWithSettings(t, kube, "", tc.settings)}
			if strings.HasPrefix(tc.name, "a flag") {
				args = append(args, "--argo-ca-file", caFile) // with the context's skip-verify, a conflict unless taken whole
			}
			r := invocation{env: env}.run(t, args...)
			r.wantCode(t, tc.want)
			if tc.want == ExitUnreachable {
				r.wantStderr(t, "certificate")
			}
		})
	}
}

// A token, a server and a namespace from flags or environment need no kubeconfig: a broken one, or one
// whose extension is malformed, is never read. Without ARGO_NAMESPACE the same kubeconfig is read, and fails.
func TestDirectTokenReadsNoKubeconfig(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	broken := writeFile(t, "broken", "{this is: [not a kubeconfig")
	malformed := kubeconfigWithSettings(t, fakeserver.NewKube(t), "team-a", `{argoServer: 5}`)
	for _, config := range []string{broken, malformed} {
		invocation{env: directEnv(argo), kubeconfig: config}.run(t, "testdata/hello.yaml").wantCode(t, ExitOK)
		invocation{env: directEnv(argo)}.run(t, "testdata/hello.yaml", "--kubeconfig", config).wantCode(t, ExitOK)
		env := directEnv(argo)
		delete(env, "ARGO_NAMESPACE")
		invocation{env: env, kubeconfig: config}.run(t, "testdata/hello.yaml").wantCode(t, ExitUsage)
	}
	if n := len(argo.Requests()); n != 4 {
		t.Errorf("%d submissions, want 4", n)
	}
	r := invocation{env: map[string]string{"ARGO_TOKEN": directToken}}.run(t, "testdata/hello.yaml", "--kubeconfig", malformed)
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, `context "fake"`, malformed, "malformed")
}

// Without an Argo Server the error says how to store one for this context.
func TestNoArgoServerSaysHowToSetOneForTheContext(t *testing.T) {
	kube := fakeserver.NewKube(t)
	r := invocation{env: map[string]string{"ARGO_TOKEN": directToken}}.run(t, "testdata/hello.yaml", "--kubeconfig", kube.WriteKubeconfig(t, "team-a"))
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, "no Argo Server given", "--argo-server HOST:PORT", "ARGO_SERVER",
		`kube context "fake": kubectl argo-submit config set --argo-server HOST:PORT --context fake`)

	r = invocation{env: map[string]string{"ARGO_TOKEN": directToken, "ARGO_NAMESPACE": "argo"}}.run(t, "testdata/hello.yaml")
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, "kubectl argo-submit config set --argo-server HOST:PORT --context NAME")
}

// version asks the context's server too, and a malformed extension still leaves the plugin's version printed.
func TestVersionAsksTheContextsServer(t *testing.T) {
	argo, kube := fakeserver.NewArgo(t, false), fakeserver.NewKube(t)
	env := map[string]string{"ARGO_TOKEN": directToken}
	config := kubeconfigWithSettings(t, kube, "team-a", fmt.Sprintf(`{argoServer: "http://%s"}`, argo.HostPort()))
	r := invocation{env: env}.run(t, "version", "--kubeconfig", config)
	r.wantCode(t, ExitOK)
	r.wantStdout(t, pluginLine()+"Argo Server http://"+argo.HostPort()+": v3.7.2 (linux/amd64)\n")

	r = invocation{env: env}.run(t, "version", "--kubeconfig", kubeconfigWithSettings(t, kube, "team-a", `{argoServer: [x]}`))
	r.wantCode(t, ExitUsage)
	r.wantStdout(t, pluginLine())
	r.wantStderr(t, "malformed")
}
