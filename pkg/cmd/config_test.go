package cmd

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

// `config set` then `config view`: every setting round-trips, the CA file becomes absolute, and nothing
// from the kubeconfig's user (its token) is printed.
func TestConfigSetThenView(t *testing.T) {
	kube, argo := fakeserver.NewKube(t), fakeserver.NewArgo(t, true)
	config := kube.WriteKubeconfig(t, "team-a")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ca.pem"), []byte(argo.CAPEM()), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	r := invocation{}.run(t, "config", "set", "--kubeconfig", config,
		"--argo-server", "argo.example.com:2746", "--argo-base-href", "/argo/", "--argo-ca-file", "ca.pem",
		"--token-source", "request", "--token-service-account", "ci", "--token-namespace", "tokens",
		"--token-duration", "2h", "--token-audience", "a", "--token-audience", "b", "--default-namespace", "workflows")
	r.wantCode(t, ExitOK)
	r.wantStdout(t, "argo-submit settings of context \"fake\" updated\n")
	// Only the flags given change: a second set keeps the first one's settings.
	invocation{}.run(t, "config", "set", "--kubeconfig", config, "--token-secret", "ci-token").wantCode(t, ExitOK)

	want := fmt.Sprintf(`argoBaseHref: /argo/
argoCAFile: %s
argoServer: argo.example.com:2746
namespace: workflows
tokenAudiences:
- a
- b
tokenDuration: 2h0m0s
tokenNamespace: tokens
tokenSecret: ci-token
tokenServiceAccount: ci
tokenSource: request
`, filepath.Join(dir, "ca.pem"))
	view := invocation{}.run(t, "config", "view", "--kubeconfig", config)
	view.wantCode(t, ExitOK)
	view.wantStdout(t, want)
	asJSON := invocation{}.run(t, "config", "view", "--kubeconfig", config, "-o", "json")
	asJSON.wantCode(t, ExitOK)
	var got map[string]any
	if err := json.Unmarshal([]byte(asJSON.stdout), &got); err != nil || got["tokenServiceAccount"] != "ci" || len(got) != 10 {
		t.Errorf("-o json (%v):\n%s", err, asJSON.stdout)
	}
	for _, out := range []string{view.stdout, asJSON.stdout, mustRead(t, config)} {
		if strings.Contains(out, kube.MintedToken) || strings.Contains(out, kube.SecretToken) {
			t.Errorf("a token was printed or stored:\n%s", out)
		}
	}
	if strings.Contains(view.stdout+asJSON.stdout, kube.AdminToken) {
		t.Errorf("config view printed the kubeconfig user's token")
	}
}

func TestConfigViewOfAContextWithoutSettings(t *testing.T) {
	config := fakeserver.NewKube(t).WriteKubeconfig(t, "team-a")
	invocation{}.run(t, "config", "view", "--kubeconfig", config).wantStdout(t, "{}\n")
	invocation{}.run(t, "config", "view", "--kubeconfig", config, "-o", "json").wantStdout(t, "{}\n")
	invocation{}.run(t, "config", "view", "--kubeconfig", config, "-o", "table").wantCode(t, ExitUsage)
}

// --argo-secure=false is kept as an http:// URL, the form a submission follows.
func TestConfigSetArgoSecure(t *testing.T) {
	config := fakeserver.NewKube(t).WriteKubeconfig(t, "team-a")
	invocation{}.run(t, "config", "set", "--kubeconfig", config, "--argo-server", "localhost:2746", "--argo-secure=false").wantCode(t, ExitOK)
	invocation{}.run(t, "config", "view", "--kubeconfig", config).wantStdout(t, "argoServer: http://localhost:2746\n")
	invocation{}.run(t, "config", "set", "--kubeconfig", config, "--argo-secure").wantCode(t, ExitOK)
	invocation{}.run(t, "config", "view", "--kubeconfig", config).wantStdout(t, "argoServer: https://localhost:2746\n")
	r := invocation{}.run(t, "config", "set", "--kubeconfig", config, "--argo-secure=false")
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, "contradicts the https://")
}

// Every bad value is refused before anything is written.
func TestConfigSetRefusesBadValues(t *testing.T) {
	config := fakeserver.NewKube(t).WriteKubeconfig(t, "team-a")
	before := mustRead(t, config)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "nothing to set"},
		{[]string{"--token-duration", "5m"}, "too short"},
		{[]string{"--token-source", "magic"}, `invalid token source "magic"`},
		{[]string{"--argo-server", "argo example"}, "whitespace"},
		{[]string{"--argo-server", "a:1", "--argo-ca-file", "/no/such/ca.pem"}, "cannot read CA file"},
		{[]string{"--argo-server", "a:1", "--argo-ca-file", config}, "no PEM certificate"},
		{[]string{"--argo-base-href", "/argo/"}, "argoBaseHref describe the context's Argo Server"},
		{[]string{"--argo-server", "a:1", "--argo-insecure-skip-verify", "--argo-ca-file", "/no/such/ca.pem"}, "not both"},
		{[]string{"--default-namespace", "Team_A"}, `invalid --default-namespace "Team_A"`},
		{[]string{"--token-service-account", ""}, "--token-service-account is empty"},
		{[]string{"--argo-token", "secret"}, "stores no token"},
		{[]string{"-n", "argo", "--argo-server", "a:1"}, "--default-namespace"},
		{[]string{"--context", "nope", "--argo-server", "a:1"}, `context "nope" is not in the kubeconfig`},
	} {
		r := invocation{}.run(t, append([]string{"config", "set", "--kubeconfig", config}, tc.args...)...)
		r.wantCode(t, ExitUsage)
		r.wantStderr(t, tc.want)
	}
	if mustRead(t, config) != before {
		t.Errorf("the kubeconfig changed:\n%s", mustRead(t, config))
	}
}

func TestConfigUnset(t *testing.T) {
	config := kubeconfigWithSettings(t, fakeserver.NewKube(t), "team-a",
		`{argoServer: "a:1", argoInsecureSkipVerify: true, tokenServiceAccount: ci, namespace: argo, futureField: 1}`)
	r := invocation{}.run(t, "config", "unset", "--kubeconfig", config, "argoInsecureSkipVerify", "namespace")
	r.wantCode(t, ExitOK)
	invocation{}.run(t, "config", "view", "--kubeconfig", config).wantStdout(t, "argoServer: a:1\ntokenServiceAccount: ci\n")
	if !strings.Contains(mustRead(t, config), "futureField") {
		t.Errorf("a field of a newer version was dropped:\n%s", mustRead(t, config))
	}

	r = invocation{}.run(t, "config", "unset", "--kubeconfig", config, "argoserver")
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, `unknown key "argoserver"`, "argoServer, argoBaseHref, argoCAFile")
	invocation{}.run(t, "config", "unset", "--kubeconfig", config).wantCode(t, ExitUsage)
}

// The server's description cannot outlive it.
func TestConfigUnsetServerKeepsNoOrphans(t *testing.T) {
	config := kubeconfigWithSettings(t, fakeserver.NewKube(t), "team-a", `{argoServer: "a:1", argoBaseHref: /argo/}`)
	r := invocation{}.run(t, "config", "unset", "--kubeconfig", config, "argoServer")
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, "argoBaseHref", "unset them too")
	invocation{}.run(t, "config", "unset", "--kubeconfig", config, "argoServer", "argoBaseHref").wantCode(t, ExitOK)
	invocation{}.run(t, "config", "view", "--kubeconfig", config).wantStdout(t, "{}\n")
}

// A context that does not exist is named, with the ones that do.
func TestConfigOfAMissingContext(t *testing.T) {
	config := fakeserver.NewKube(t).WriteKubeconfig(t, "team-a")
	for _, args := range [][]string{
		{"set", "--argo-server", "a:1"}, {"view"}, {"unset", "argoServer"}, {"use-env"},
	} {
		r := invocation{}.run(t, append([]string{"config", "--kubeconfig", config, "--context", "prod"}, args...)...)
		r.wantCode(t, ExitUsage)
		r.wantStderr(t, `context "prod" is not in the kubeconfig (`+config+"); its contexts are: fake")
	}
	r := invocation{}.run(t, "config", "view")
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, "has no current context: pass --context NAME")
}

// use-env prints the context's variables, ignoring stale ARGO_* ones, with the token resolved as
// `token` resolves it; the output survives a shell's eval.
func TestConfigUseEnv(t *testing.T) {
	kube := fakeserver.NewKube(t)
	stale := map[string]string{"ARGO_SERVER": "old:1", "ARGO_TOKEN": "old-token", "ARGO_NAMESPACE": "old", "ARGO_BASE_HREF": "/old/"}
	for _, tc := range []struct {
		name, settings, want string
		args                 []string
	}{
		{"plain http with a path", `{argoServer: "http://127.0.0.1:2746/argo", namespace: ext, tokenServiceAccount: ci}`, `export ARGO_SERVER=127.0.0.1:2746
export ARGO_BASE_HREF=/argo
export ARGO_SECURE=false
unset ARGO_INSECURE_SKIP_VERIFY
export ARGO_NAMESPACE=ext
export ARGO_TOKEN='Bearer ` + kube.MintedToken + "'\n", nil},
		{"https without a port", `{argoServer: "https://argo.example.com", argoInsecureSkipVerify: true, tokenServiceAccount: ci}`, `export ARGO_SERVER=argo.example.com:443
unset ARGO_BASE_HREF
unset ARGO_SECURE
export ARGO_INSECURE_SKIP_VERIFY=true
export ARGO_NAMESPACE=flag
export ARGO_TOKEN='Bearer ` + kube.MintedToken + "'\n", []string{"-n", "flag"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			config := kubeconfigWithSettings(t, kube, "team-a", tc.settings)
			r := invocation{env: stale}.run(t, append([]string{"config", "use-env", "--kubeconfig", config}, tc.args...)...)
			r.wantCode(t, ExitOK)
			r.wantStdout(t, tc.want)
			out, err := exec.Command("sh", "-c", r.stdout+`printf %s "$ARGO_TOKEN"`).Output()
			if err != nil || string(out) != "Bearer "+kube.MintedToken {
				t.Errorf("after eval ARGO_TOKEN is %q (%v)", out, err)
			}
		})
	}
	r := invocation{}.run(t, "config", "use-env", "--kubeconfig", kubeconfigWithSettings(t, kube, "team-a", `{tokenServiceAccount: ci}`))
	r.wantCode(t, ExitUsage)
	r.wantStdout(t, "")
	r.wantStderr(t, `context "fake" has no Argo Server`, "config set --argo-server HOST:PORT --context fake")
}

func TestShellQuoteSurvivesTheShell(t *testing.T) {
	for _, value := range []string{"plain", "", "Bearer a.b", "it's", `$HOME "q" \ ;|&`, "[::1]:2746", "x\ny"} {
		out, err := exec.Command("sh", "-c", "printf %s "+shellQuote(value)).Output()
		if err != nil || !reflect.DeepEqual(string(out), value) {
			t.Errorf("%q came back as %q (%v)", value, out, err)
		}
	}
}

// The scenario with KUBECONFIG=contexts.yaml:users.yaml: each context gets its server and
// identity with `config set`, written into contexts.yaml only; then --context alone switches both.
func TestConfigSetPerContextThenSwitch(t *testing.T) {
	const execToken = "exec-plugin-secret-77aa"
	kube := fakeserver.NewKube(t)
	kubeconfig := twoFileKubeconfig(t, kube, execToken)
	files := strings.Split(kubeconfig, string(os.PathListSeparator))
	usersBefore := mustRead(t, files[1])
	argoCI, argoDev := fakeserver.NewArgo(t, false), fakeserver.NewArgo(t, false)
	inv := invocation{kubeconfig: kubeconfig}
	inv.run(t, "config", "set", "--argo-server", argoCI.HostPort(), "--argo-secure=false", "--token-service-account", "ci").wantCode(t, ExitOK)
	inv.run(t, "config", "set", "--context", "dev", "--argo-server", "http://"+argoDev.HostPort()).wantCode(t, ExitOK)
	if mustRead(t, files[1]) != usersBefore {
		t.Errorf("users.yaml changed:\n%s", mustRead(t, files[1]))
	}
	if info, err := os.Stat(files[0]); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("contexts.yaml mode %v (%v)", info.Mode().Perm(), err)
	}

	inv.run(t, "testdata/hello.yaml").wantCode(t, ExitOK)
	inv.run(t, "testdata/hello.yaml", "--context", "dev").wantCode(t, ExitOK)
	if reqs := argoCI.Requests(); len(reqs) != 1 || reqs[0].Path != "/api/v1/workflows/team-a" || reqs[0].Authorization != "Bearer "+kube.MintedToken {
		t.Errorf("ci's Argo Server got %+v", reqs)
	}
	if reqs := argoDev.Requests(); len(reqs) != 1 || reqs[0].Path != "/api/v1/workflows/team-b" || reqs[0].Authorization != "Bearer "+execToken {
		t.Errorf("dev's Argo Server got %+v", reqs)
	}
}

func TestConfigWithoutASubcommand(t *testing.T) {
	invocation{}.run(t, "config").wantCode(t, ExitOK)
	r := invocation{}.run(t, "config", "sett")
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, `unknown config subcommand "sett"`)
}
