package cmd

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

const directToken = "direct-secret-9d4e"

// directEnv is the CI path: a token, a namespace and a plain-HTTP Argo Server; no kubeconfig.
func directEnv(argo *fakeserver.Argo) map[string]string {
	return map[string]string{
		"ARGO_SERVER":    argo.HostPort(),
		"ARGO_SECURE":    "false",
		"ARGO_TOKEN":     directToken,
		"ARGO_NAMESPACE": "argo",
	}
}

func TestSubmitWithDirectTokenNeedsNoKubeconfig(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	r := invocation{env: directEnv(argo)}.run(t, "testdata/hello.yaml", "--kubeconfig", filepath.Join(t.TempDir(), "absent"))
	r.wantCode(t, ExitOK)
	// The plugin names generateName workflows itself (the API server's scheme), so a retry cannot duplicate one.
	if !regexp.MustCompile(`^workflow\.argoproj\.io/hello-[bcdfghjklmnpqrstvwxz2456789]{5} submitted\n$`).MatchString(r.stdout) {
		t.Errorf("stdout %q", r.stdout)
	}
	reqs := argo.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	req := reqs[0]
	if req.Path != "/api/v1/workflows/argo" || req.Authorization != "Bearer "+directToken {
		t.Errorf("got %s with Authorization %q", req.Path, req.Authorization)
	}
	if req.Body["namespace"] != "argo" || req.Body["serverDryRun"] != false {
		t.Errorf("body namespace=%v serverDryRun=%v", req.Body["namespace"], req.Body["serverDryRun"])
	}
}

func TestSubmitAppliesArgoSubmitOptions(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	r := invocation{env: directEnv(argo)}.run(t, "-f", "testdata/hello.yaml",
		"-p", "message=hi", "-p", "extra=1", "--entrypoint", "other", "--name", "named",
		"-l", "team=a,tier=b", "--serviceaccount", "runner", "--priority", "5", "-o", "name")
	r.wantCode(t, ExitOK)
	r.wantStdout(t, "workflow.argoproj.io/named\n")
	wf := argo.Requests()[0].Body["workflow"].(map[string]any)
	spec := wf["spec"].(map[string]any)
	meta := wf["metadata"].(map[string]any)
	labels := meta["labels"].(map[string]any)
	if id, _ := labels["kubectl-argo-submit.io/submission-id"].(string); len(id) != 32 {
		t.Errorf("submission id label %q", id)
	}
	delete(labels, "kubectl-argo-submit.io/submission-id")
	got, _ := json.Marshal(map[string]any{
		"params": spec["arguments"], "entrypoint": spec["entrypoint"], "sa": spec["serviceAccountName"],
		"priority": spec["priority"], "name": meta["name"], "labels": meta["labels"],
	})
	want := `{"entrypoint":"other","labels":{"team":"a","tier":"b"},"name":"named",` +
		`"params":{"parameters":[{"name":"message","value":"hi"},{"name":"extra","value":"1"}]},"priority":5,"sa":"runner"}`
	if string(got) != want {
		t.Errorf("workflow sent:\n%s\nwant:\n%s", got, want)
	}
}

func TestSubmitOutputFormats(t *testing.T) {
	for _, tc := range []struct {
		output string
		check  func(t *testing.T, stdout string)
	}{
		{"json", func(t *testing.T, out string) {
			var obj map[string]any
			if err := json.Unmarshal([]byte(out), &obj); err != nil || obj["kind"] != "Workflow" || obj["apiVersion"] != "argoproj.io/v1alpha1" {
				t.Errorf("not a Workflow JSON object (%v):\n%s", err, out)
			}
		}},
		{"yaml", func(t *testing.T, out string) {
			if !strings.Contains(out, "kind: Workflow\n") || !strings.Contains(out, "name: hello-") {
				t.Errorf("yaml output:\n%s", out)
			}
		}},
		{"jsonpath={.metadata.namespace}/{.metadata.name}", func(t *testing.T, out string) {
			if !strings.HasPrefix(out, "argo/hello-") || len(out) != len("argo/hello-")+5 {
				t.Errorf("jsonpath output %q", out)
			}
		}},
		{"jsonpath-as-json={.metadata.generateName}", func(t *testing.T, out string) {
			if strings.Join(strings.Fields(out), "") != `["hello-"]` {
				t.Errorf("jsonpath-as-json output %q", out)
			}
		}},
		{"wide", func(t *testing.T, out string) {
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "NAME") || !strings.Contains(lines[1], "hello-") ||
				!strings.Contains(lines[1], "2026-12-04T10:00:00Z") || !strings.Contains(lines[1], "Pending") {
				t.Errorf("wide output:\n%s", out)
			}
		}},
	} {
		t.Run(tc.output, func(t *testing.T) {
			argo := fakeserver.NewArgo(t, false)
			r := invocation{env: directEnv(argo)}.run(t, "testdata/hello.yaml", "-o", tc.output)
			r.wantCode(t, ExitOK)
			tc.check(t, r.stdout)
		})
	}
}

func TestDryRunClientMakesNoCall(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	env := map[string]string{"ARGO_SERVER": argo.HostPort()} // no token, no namespace, no kubeconfig
	r := invocation{env: env, stdin: mustRead(t, "testdata/hello.yaml")}.run(t, "-f", "-", "--dry-run=client", "-p", "message=x", "-o", "yaml")
	r.wantCode(t, ExitOK)
	if !strings.Contains(r.stdout, "value: x") || !strings.Contains(r.stdout, "namespace: default") {
		t.Errorf("client dry run printed:\n%s", r.stdout)
	}
	if n := len(argo.Requests()); n != 0 {
		t.Errorf("client dry run sent %d requests", n)
	}
}

func TestDryRunServerSendsServerDryRun(t *testing.T) {
	for _, flag := range []string{"--dry-run=server", "--server-dry-run"} {
		t.Run(flag, func(t *testing.T) {
			argo := fakeserver.NewArgo(t, false)
			r := invocation{env: directEnv(argo)}.run(t, "testdata/hello.yaml", flag)
			r.wantCode(t, ExitOK)
			r.wantStdout(t, "workflow.argoproj.io/hello-x0000 submitted (server dry run)\n")
			if got := argo.Requests()[0].Body["serverDryRun"]; got != true {
				t.Errorf("serverDryRun = %v", got)
			}
		})
	}
}

func TestInvalidInputSubmitsNothing(t *testing.T) {
	cases := map[string]struct {
		args   []string
		stderr []string
	}{
		"other kind":         {[]string{"testdata/hello.yaml", "testdata/template.yaml"}, []string{"template.yaml (document 1)", "--from"}},
		"missing file":       {[]string{"testdata/hello.yaml", "testdata/absent.yaml"}, []string{"absent.yaml"}},
		"bad parameter":      {[]string{"testdata/hello.yaml", "-p", "novalue"}, []string{"novalue"}},
		"bad label":          {[]string{"testdata/hello.yaml", "-l", "bad key=x"}, []string{"bad key"}},
		"no input":           {nil, []string{"no workflow given"}},
		"stdin twice":        {[]string{"-f", "-", "-f", "-"}, []string{"only once"}},
		"bad dry-run":        {[]string{"testdata/hello.yaml", "--dry-run=maybe"}, []string{"--dry-run"}},
		"bad output":         {[]string{"testdata/hello.yaml", "-o", "toml"}, []string{`"toml"`, "jsonpath="}},
		"go-template":        {[]string{"testdata/hello.yaml", "-o", "go-template={{.metadata.name}}"}, []string{"-o go-template=", "not supported", "jsonpath"}},
		"template, no -o":    {[]string{"testdata/hello.yaml", "--template", "{.metadata.name}"}, []string{"--template", "-o jsonpath"}},
		"bad jsonpath":       {[]string{"testdata/hello.yaml", "-o", "jsonpath={.metadata"}, []string{"jsonpath"}},
		"short duration":     {[]string{"testdata/hello.yaml", "--token-source", "request", "--token-service-account", "ci", "--token-duration", "5m"}, []string{"10m"}},
		"bad token source":   {[]string{"testdata/hello.yaml", "--token-source", "magic"}, []string{"magic"}},
		"unknown flag":       {[]string{"testdata/hello.yaml", "--no-such-flag"}, []string{"no-such-flag"}},
		"namespace mismatch": {[]string{"testdata/hello.yaml", "-n", "other", "--dry-run=client"}, nil},
		"same name twice":    {[]string{"testdata/two.yaml", "--name", "same"}, []string{"same"}},
		"bad header":         {[]string{"testdata/hello.yaml", "--argo-header", "no-colon"}, []string{"header #1", "Key: Value"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			argo := fakeserver.NewArgo(t, false)
			if name == "namespace mismatch" {
				tc.args[0] = writeFile(t, "ns.yaml", strings.Replace(mustRead(t, "testdata/hello.yaml"), "generateName: hello-", "generateName: hello-\n  namespace: argo", 1))
				tc.stderr = []string{"ns.yaml (document 1)", `"argo"`, `"other"`}
			}
			r := invocation{env: directEnv(argo)}.run(t, tc.args...)
			r.wantCode(t, ExitUsage)
			r.wantStderr(t, tc.stderr...)
			if n := len(argo.Requests()); n != 0 {
				t.Errorf("%d requests sent for invalid input", n)
			}
		})
	}
}

func TestMissingArgoServerIsUsageError(t *testing.T) {
	r := invocation{env: map[string]string{"ARGO_TOKEN": directToken, "ARGO_NAMESPACE": "argo"}}.run(t, "testdata/hello.yaml")
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, "--argo-server", "ARGO_SERVER")
}

func TestServerRefusalsMapToExitCodes(t *testing.T) {
	for _, tc := range []struct {
		status, code int
		exit         int
		requests     int // a refused workflow does not stop the others; auth failures stop everything
		stderr       string
	}{
		{409, 6, ExitFailed, 2, "already exists"},
		{400, 3, ExitFailed, 2, "invalid"},
		// 401: the token is renewed from its source and the create retried once, then it stops.
		{401, 16, ExitAuth, 2, "token"},
		{403, 7, ExitAuth, 1, "forbidden"},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			argo := fakeserver.NewArgo(t, false)
			argo.Respond = func(n int, req fakeserver.ArgoRequest) fakeserver.ArgoResponse {
				first := req.Body["workflow"].(map[string]any)["metadata"].(map[string]any)["name"] == "first"
				if first {
					return fakeserver.ArgoResponse{Status: tc.status, Code: tc.code, Message: "workflow is forbidden or already exists or invalid"}
				}
				return fakeserver.ArgoResponse{}
			}
			// One after another, so that a stop leaves the second unsent.
			r := invocation{env: directEnv(argo)}.run(t, "testdata/two.yaml", "--parallel", "1")
			r.wantCode(t, tc.exit)
			r.wantStderr(t, "two.yaml (document 1)", tc.stderr)
			if n := len(argo.Requests()); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
			if tc.exit == ExitFailed {
				r.wantStdout(t, "workflow.argoproj.io/second submitted\n")
				r.wantStderr(t, "1 of 2 workflows were not submitted")
			} else {
				r.wantStderr(t, "0 submitted, 1 failed, 1 not submitted (stopped after an error)", "not submitted: testdata/two.yaml (document 2)")
			}
		})
	}
}

// A token rejected once (expired in flight) is renewed from its source and the create retried.
func TestRejectedTokenIsRenewedOnce(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	argo.Respond = func(n int, _ fakeserver.ArgoRequest) fakeserver.ArgoResponse {
		if n == 0 {
			return fakeserver.ArgoResponse{Status: 401, Code: 16, Message: "token expired"}
		}
		return fakeserver.ArgoResponse{}
	}
	kube := fakeserver.NewKube(t)
	r := invocation{env: kubeEnv(argo)}.run(t, "testdata/hello.yaml", "--kubeconfig", kube.WriteKubeconfig(t, "team-a"), "--token-service-account", "ci")
	r.wantCode(t, ExitOK)
	if calls := kube.Calls(); len(calls) != 2 {
		t.Errorf("TokenRequests %v, want one at start and one renewal", calls)
	}
	if n := len(argo.Requests()); n != 2 {
		t.Errorf("%d creates, want the rejected one and its retry", n)
	}
}

func TestUnreachableArgoServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	env := map[string]string{"ARGO_SERVER": addr, "ARGO_TOKEN": directToken, "ARGO_NAMESPACE": "argo"}
	r := invocation{env: env}.run(t, "testdata/hello.yaml")
	r.wantCode(t, ExitUnreachable)
	r.wantStderr(t, addr)
}

func TestTLSVerifiedByDefault(t *testing.T) {
	argo := fakeserver.NewArgo(t, true)
	env := map[string]string{"ARGO_SERVER": argo.HostPort(), "ARGO_TOKEN": directToken, "ARGO_NAMESPACE": "argo"}
	invocation{env: env}.run(t, "testdata/hello.yaml").wantCode(t, ExitUnreachable)

	caFile := writeFile(t, "ca.pem", argo.CAPEM())
	invocation{env: env}.run(t, "testdata/hello.yaml", "--argo-ca-file", caFile).wantCode(t, ExitOK)

	env["ARGO_INSECURE_SKIP_VERIFY"] = "true"
	invocation{env: env}.run(t, "testdata/hello.yaml").wantCode(t, ExitOK)
	if n := len(argo.Requests()); n != 2 {
		t.Errorf("%d workflows reached the server, want 2", n)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEveryInputProblemIsReportedAtOnce(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	r := invocation{env: directEnv(argo)}.run(t, "testdata/hello.yaml", "testdata/template.yaml", "-p", "x", "-l", "a b")
	r.wantCode(t, ExitUsage)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one error line per problem (parameter, label, template):\n%s", r.stderr)
	}
	for i, want := range []string{`parameter "x"`, `label "a b"`, "template.yaml (document 1)"} {
		if !strings.HasPrefix(lines[i], "error: ") || !strings.Contains(lines[i], want) {
			t.Errorf("line %d = %q, want an error about %s", i+1, lines[i], want)
		}
	}
}

func TestJSONPathTemplateFlag(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	r := invocation{env: directEnv(argo)}.run(t, "testdata/hello.yaml", "-o", "jsonpath", "--template", "{.kind}")
	r.wantCode(t, ExitOK)
	r.wantStdout(t, "Workflow")
}
