package cmd

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/klogtest"
)

// completed runs `__complete ARGS` in-process, as the shell scripts and kubectl's plugin completion
// do, and checks that stderr holds nothing but cobra's own closing line, which every cobra
// program writes there for people debugging by hand, and which the shell scripts discard.
func completed(t *testing.T, inv invocation, args ...string) (lines []string) {
	t.Helper()
	r := inv.run(t, append([]string{"__complete"}, args...)...)
	r.wantCode(t, ExitOK)
	if rest, ok := strings.CutPrefix(r.stderr, "Completion ended with directive: "); !ok || strings.Count(rest, "\n") != 1 || !strings.HasSuffix(rest, "\n") {
		t.Errorf("completion wrote to stderr:\n%s", r.stderr)
	}
	return strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
}

func wantLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("completion printed:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// contextsKubeconfig has three contexts on a cluster at server.
func contextsKubeconfig(t *testing.T, server string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kubeconfig")
	config := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- {name: local, cluster: {server: %s, insecure-skip-tls-verify: true}}
users:
- {name: me, user: {token: some-token}}
contexts:
- {name: prod, context: {cluster: local, user: me}}
- {name: dev, context: {cluster: local, user: me, namespace: team-b}}
- {name: ci, context: {cluster: local, user: me}}
current-context: dev
`, server)
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestCompleteContextsFromTheKubeconfigOnTheLine(t *testing.T) {
	kubeconfig := contextsKubeconfig(t, "https://"+closedPort(t))
	wantLines(t, completed(t, invocation{}, "--kubeconfig", kubeconfig, "--context", ""), "ci", "dev", "prod", ":4")
	wantLines(t, completed(t, invocation{kubeconfig: kubeconfig}, "--context", "p"), "prod", ":4")
	wantLines(t, completed(t, invocation{kubeconfig: kubeconfig}, "version", "--cluster", ""), "local", ":4")
}

func TestCompleteOutputFormats(t *testing.T) {
	wantLines(t, completed(t, invocation{}, "-o", ""),
		"name", "json", "yaml", "wide", "jsonpath=", "jsonpath-file=", "jsonpath-as-json=", ":6")
	wantLines(t, completed(t, invocation{}, "-o", "ya"), "yaml", ":4")
	wantLines(t, completed(t, invocation{}, "version", "-o", ""), "json", "yaml", ":4")
}

// The kubeconfig, context and namespace given before the word being completed choose what is listed.
func TestCompleteFromTheCluster(t *testing.T) {
	kube := fakeserver.NewKube(t)
	inv := invocation{kubeconfig: kube.WriteKubeconfig(t, "team-a")}
	wantLines(t, completed(t, inv, "-n", ""), "argo", "default", "team-a", ":4")
	wantLines(t, completed(t, inv, "--token-namespace", "t"), "team-a", ":4")
	wantLines(t, completed(t, inv, "-n", "argo", "--token-service-account", ""), "ci", "default", ":4")
	wantLines(t, completed(t, inv, "--token-secret", ""), "ci-token", ":4")
	wantLines(t, completed(t, inv, "--from", "wftmpl/"), "wftmpl/build", "wftmpl/hello-template", ":4")
	wantLines(t, completed(t, inv, "--from", "cwftmpl/"), "cwftmpl/cluster-hello", ":4")
	wantLines(t, completed(t, inv, "--from", "cron"), "cronwf/\tCronWorkflow", "cronworkflow/\tCronWorkflow", ":6")
	want := []string{
		"GET /api/v1/namespaces",
		"GET /api/v1/namespaces",
		"GET /api/v1/namespaces/argo/serviceaccounts",
		"GET /api/v1/namespaces/team-a/secrets",
		"GET /apis/argoproj.io/v1alpha1/namespaces/team-a/workflowtemplates",
		"GET /apis/argoproj.io/v1alpha1/clusterworkflowtemplates",
	}
	if got := strings.Join(kube.Calls(), "\n"); got != strings.Join(want, "\n") {
		t.Errorf("Kubernetes API calls:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// An unreachable cluster, or none configured, gives no candidates, no message, and no wait.
func TestCompletionWithoutAClusterIsQuietAndFast(t *testing.T) {
	for name, inv := range map[string]invocation{
		"refused":       {kubeconfig: contextsKubeconfig(t, "https://"+closedPort(t))},
		"no kubeconfig": {},
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			wantLines(t, completed(t, inv, "-v=10", "-n", ""), ":4")
			wantLines(t, completed(t, inv, "--from", "wftmpl/"), ":4")
			if elapsed := time.Since(start); elapsed > completionTimeout {
				t.Errorf("completion took %s", elapsed)
			}
		})
	}
}

// A server that accepts connections and never answers holds completion no longer than its timeout.
func TestCompletionTimesOut(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { conn.Close() })
		}
	}()
	start := time.Now()
	wantLines(t, completed(t, invocation{kubeconfig: contextsKubeconfig(t, "https://"+l.Addr().String())}, "-n", ""), ":4")
	if elapsed := time.Since(start); elapsed > completionTimeout+time.Second {
		t.Errorf("completion took %s against a silent server, timeout %s", elapsed, completionTimeout)
	}
}

// Completion logs nothing, even with -v=10 on the line; klog works again afterwards.
func TestCompletionDoesNotLog(t *testing.T) {
	logs := klogtest.Verbose(t, nil)
	kube := fakeserver.NewKube(t)
	inv := invocation{kubeconfig: kube.WriteKubeconfig(t, "team-a")}
	wantLines(t, completed(t, inv, "-v=10", "-n", ""), "argo", "default", "team-a", ":4")
	if logs.String() != "" {
		t.Fatalf("completion logged:\n%s", logs.String())
	}
	inv.run(t, "token", "-v=10", "--token-service-account", "ci").wantCode(t, ExitOK)
	if !strings.Contains(logs.String(), "serviceaccounts/ci/token") {
		t.Errorf("klog was not restored after completion; it logged:\n%s", logs.String())
	}
}

func TestCompletionCommand(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		r := invocation{}.run(t, "completion", shell)
		r.wantCode(t, ExitOK)
		if !strings.Contains(r.stdout, "kubectl-argo_submit") || strings.Contains(r.stdout, " argo-submit ") {
			t.Errorf("%s script does not complete the executable kubectl-argo_submit:\n%.300s", shell, r.stdout)
		}
	}
	help := invocation{}.run(t, "completion", "bash", "--help")
	if !strings.Contains(help.stdout, "source <(kubectl-argo_submit completion bash)") || !strings.Contains(help.stdout, "kubectl argo-submit completion bash") {
		t.Errorf("completion help:\n%s", help.stdout)
	}
	root := invocation{}.run(t, "--help")
	if !strings.Contains(root.stdout, "completion  Generate the shell completion script (bash, zsh, fish or powershell)") {
		t.Errorf("--help does not list the completion command:\n%s", root.stdout)
	}
}
