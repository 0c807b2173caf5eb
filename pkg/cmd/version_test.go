package cmd

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

func pluginLine() string {
	return "kubectl-argo_submit v0.0.0-test (commit unknown, built unknown, " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH + ")\n"
}

// Without an Argo Server (--argo-server or ARGO_SERVER) no call is made, even with a token.
func TestVersionWithoutServerMakesNoCall(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	env := directEnv(argo)
	delete(env, "ARGO_SERVER")
	for _, args := range [][]string{{"version"}, {"version", "-o", "json"}, {"version", "-o", "yaml"}} {
		r := invocation{env: env}.run(t, args...)
		r.wantCode(t, ExitOK)
		if strings.Contains(r.stdout, "server") {
			t.Errorf("%v printed a server:\n%s", args, r.stdout)
		}
	}
	invocation{}.run(t, "version").wantStdout(t, pluginLine())
	if n := len(argo.Requests()); n != 0 {
		t.Errorf("version sent %d requests", n)
	}
}

// ARGO_SERVER configures the server as --argo-server does.
func TestVersionAsksTheServerFromTheEnvironment(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	r := invocation{env: directEnv(argo)}.run(t, "version")
	r.wantCode(t, ExitOK)
	r.wantStdout(t, pluginLine()+"Argo Server http://"+argo.HostPort()+": v3.7.2 (linux/amd64)\n")
	if n := len(argo.Requests()); n != 1 {
		t.Errorf("version sent %d requests, want 1", n)
	}
}

func TestVersionAsksTheServer(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	env := map[string]string{"ARGO_SECURE": "false", "ARGO_TOKEN": directToken}
	r := invocation{env: env}.run(t, "version", "--argo-server", argo.HostPort())
	r.wantCode(t, ExitOK)
	r.wantStdout(t, pluginLine()+"Argo Server http://"+argo.HostPort()+": v3.7.2 (linux/amd64)\n")
	reqs := argo.Requests()
	if len(reqs) != 1 || reqs[0].Method != "GET" || reqs[0].Path != "/api/v1/version" || reqs[0].Authorization != "Bearer "+directToken {
		t.Errorf("the Argo Server got %+v", reqs)
	}
}

// The token is resolved as for a submission: here a TokenRequest for --token-service-account.
func TestVersionResolvesTheToken(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	kube := fakeserver.NewKube(t)
	r := invocation{env: map[string]string{"ARGO_SECURE": "false"}, kubeconfig: kube.WriteKubeconfig(t, "argo")}.
		run(t, "version", "--argo-server", argo.HostPort(), "--token-service-account", "ci")
	r.wantCode(t, ExitOK)
	if reqs := argo.Requests(); len(reqs) != 1 || reqs[0].Authorization != "Bearer "+kube.MintedToken {
		t.Errorf("the Argo Server got %+v", reqs)
	}
}

func TestVersionStructuredOutput(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	env := map[string]string{"ARGO_SECURE": "false", "ARGO_TOKEN": directToken}
	for _, format := range []string{"json", "yaml"} {
		r := invocation{env: env}.run(t, "version", "--argo-server", argo.HostPort(), "-o", format)
		r.wantCode(t, ExitOK)
		got := decodeVersion(t, format, r.stdout)
		server, _ := got["server"].(map[string]any)
		if got["version"] != "v0.0.0-test" || got["platform"] != runtime.GOOS+"/"+runtime.GOARCH || got["serverError"] != nil ||
			server["url"] != "http://"+argo.HostPort() || server["version"] != "v3.7.2" || server["platform"] != "linux/amd64" ||
			server["gitCommit"] != "0123456789abcdef" || server["buildDate"] != "2025-09-01T10:00:00Z" {
			t.Errorf("-o %s:\n%s", format, r.stdout)
		}
	}
}

func decodeVersion(t *testing.T, format, out string) map[string]any {
	t.Helper()
	var got map[string]any
	unmarshal := json.Unmarshal
	if format == "yaml" {
		unmarshal = func(data []byte, v any) error { return yaml.Unmarshal(data, v) }
	}
	if err := unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("-o %s is not %s (%v):\n%s", format, format, err, out)
	}
	return got
}

// An unreachable server: the plugin's version is printed all the same, the error goes to stderr, exit 4.
func TestVersionWithUnreachableServer(t *testing.T) {
	addr := closedPort(t)
	env := map[string]string{"ARGO_TOKEN": directToken}
	r := invocation{env: env}.run(t, "version", "--argo-server", addr)
	r.wantCode(t, ExitUnreachable)
	r.wantStdout(t, pluginLine())
	r.wantStderr(t, "error: cannot reach the Argo Server at https://"+addr+"/api/v1/version")

	r = invocation{env: env}.run(t, "version", "--argo-server", addr, "-o", "json")
	r.wantCode(t, ExitUnreachable)
	got := decodeVersion(t, "json", r.stdout)
	if got["server"] != nil || !strings.Contains(got["serverError"].(string), "cannot reach the Argo Server") {
		t.Errorf("-o json:\n%s", r.stdout)
	}
}

// With no token to be had the server is asked without one; its 401 is reported with the reason.
func TestVersionWithoutToken(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	r := invocation{env: map[string]string{"ARGO_SECURE": "false"}}.run(t, "version", "--argo-server", argo.HostPort())
	r.wantCode(t, ExitAuth)
	r.wantStdout(t, pluginLine())
	r.wantStderr(t, "HTTP 401", "token not valid", "no token was sent, as none could be resolved: no kubeconfig found")
	if reqs := argo.Requests(); len(reqs) != 1 || reqs[0].Authorization != "" {
		t.Errorf("the Argo Server got %+v", reqs)
	}
}

// Usage errors are found before any call, and nothing is printed.
func TestVersionUsageErrors(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	for _, args := range [][]string{
		{"-o", "table"},
		{"--argo-server", "http://" + argo.HostPort(), "--argo-header", "no colon"},
		{"--argo-server", argo.HostPort(), "--token-source", "request"},
	} {
		r := invocation{env: map[string]string{"ARGO_TOKEN": directToken}}.run(t, append([]string{"version"}, args...)...)
		r.wantCode(t, ExitUsage)
		r.wantStdout(t, "")
	}
	if n := len(argo.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}
