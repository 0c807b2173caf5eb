package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/localcluster"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/plugintest"
)

const helloWorkflow = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: hello-
spec:
  entrypoint: main
  arguments:
    parameters:
    - name: message
      value: hello
  templates:
  - name: main
    container:
      image: busybox
      command: [echo, "{{workflow.parameters.message}}"]
`

var namespaceCounter atomic.Int32

// env is the environment of one plugin run: only what is listed, plus PATH and a fresh HOME.
type env map[string]string

// argoEnv reaches the real Argo Server; its CA comes with the --argo-ca-file flag that submit adds.
func argoEnv(kubeconfig string) env {
	return env{"ARGO_SERVER": cluster.ArgoServer, "KUBECONFIG": kubeconfig}
}

// submit runs `kubectl argo-submit ARGS --argo-ca-file … -v=10` and records its output for the
// suite's token check: every run is verbose, so that a token in any log line is caught.
func submit(t *testing.T, e env, stdin string, args ...string) plugintest.Result {
	t.Helper()
	full := append([]string{"argo-submit"}, args...)
	full = append(full, "--argo-ca-file", cluster.ArgoCAFile, "-v=10")
	return run(t, e, stdin, full...)
}

// run runs `kubectl ARGS` and records the output.
func run(t *testing.T, e env, stdin string, args ...string) plugintest.Result {
	t.Helper()
	r := plugin.Kubectl(t, e, stdin, args...)
	record.add(t.Name(), r.Combined())
	return r
}

// newNamespace creates a namespace of the test's own and waits for its default service account.
func newNamespace(t *testing.T) string {
	t.Helper()
	ns := fmt.Sprintf("e2e-%d", namespaceCounter.Add(1))
	admin(t, "", "create", "namespace", ns)
	waitFor(t, "the default service account in "+ns, func() bool {
		_, err := cluster.Kubectl(context.Background(), "", "get", "serviceaccount", "default", "-n", ns)
		return err == nil
	})
	return ns
}

// admin runs kubectl as the cluster admin, failing the test on error.
func admin(t *testing.T, stdin string, args ...string) string {
	t.Helper()
	out, err := cluster.Kubectl(context.Background(), stdin, args...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// grant creates a Role with rules in ns and binds it to subject ("User:bob", "ServiceAccount:ns:name").
func grant(t *testing.T, ns, role, subject string, rules ...string) {
	t.Helper()
	args := []string{"create", "role", role, "-n", ns}
	for _, rule := range rules { // "verb,verb:resource[:resourceName]"
		parts := strings.Split(rule, ":")
		args = append(args, "--verb="+parts[0], "--resource="+parts[1])
		if len(parts) == 3 {
			args = append(args, "--resource-name="+parts[2])
		}
	}
	admin(t, "", args...)
	kind, name, _ := strings.Cut(subject, ":")
	flag := map[string]string{"User": "--user=", "ServiceAccount": "--serviceaccount="}[kind]
	admin(t, "", "create", "rolebinding", role, "-n", ns, "--role="+role, flag+name)
}

// canSubmit lets subject create and read workflows in ns: what the Argo Server needs of the token's identity.
func canSubmit(t *testing.T, ns, subject string) {
	t.Helper()
	grant(t, ns, "submit-"+strings.NewReplacer(":", "-").Replace(subject), subject, "create,get,list,watch:workflows.argoproj.io")
}

// serviceAccount creates a service account that can submit workflows in ns.
func serviceAccount(t *testing.T, ns, name string) {
	t.Helper()
	admin(t, "", "create", "serviceaccount", name, "-n", ns)
	canSubmit(t, ns, "ServiceAccount:"+ns+":"+name)
}

// kubeconfig writes a kubeconfig for user with namespace ns.
func kubeconfig(t *testing.T, user, ns string) string {
	t.Helper()
	path, err := cluster.Kubeconfig(user, ns)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// kubeconfigWith writes a kubeconfig of several contexts, the first current.
func kubeconfigWith(t *testing.T, contexts ...localcluster.Context) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kubeconfig")
	if err := cluster.WriteKubeconfig(path, contexts...); err != nil {
		t.Fatal(err)
	}
	return path
}

type workflow struct {
	Metadata struct {
		Name, Namespace, GenerateName string
		Labels                        map[string]string
	}
	Spec map[string]any
}

// workflows lists the workflows in ns through the Kubernetes API, as the admin.
func workflows(t *testing.T, ns string) []workflow {
	t.Helper()
	var list struct{ Items []workflow }
	if err := json.Unmarshal([]byte(admin(t, "", "get", "workflows.argoproj.io", "-n", ns, "-o", "json")), &list); err != nil {
		t.Fatal(err)
	}
	return list.Items
}

// wantSubmitted checks that a default-output run succeeded, that every workflow it printed exists in
// ns, and that ns now holds total workflows; it returns the ones this run printed.
func wantSubmitted(t *testing.T, r plugintest.Result, ns string, total int) []workflow {
	t.Helper()
	r.WantCode(t, 0)
	created := workflows(t, ns)
	if len(created) != total {
		t.Fatalf("%d workflows in %s, want %d; the run printed:\n%s", len(created), ns, total, r.Stdout)
	}
	var printed []workflow
	for _, line := range strings.Split(strings.TrimSpace(r.Stdout), "\n") {
		name, ok := strings.CutSuffix(strings.TrimPrefix(line, "workflow.argoproj.io/"), " submitted")
		if !ok {
			t.Fatalf("unexpected output line %q", line)
		}
		wf, found := findWorkflow(created, name)
		if !found {
			t.Fatalf("printed %s/%s, which does not exist", ns, name)
		}
		printed = append(printed, wf)
	}
	return printed
}

func findWorkflow(list []workflow, name string) (workflow, bool) {
	for _, wf := range list {
		if wf.Metadata.Name == name {
			return wf, true
		}
	}
	return workflow{}, false
}

// wantNothingCreated checks ns still has no workflow.
func wantNothingCreated(t *testing.T, ns string) {
	t.Helper()
	if n := len(workflows(t, ns)); n != 0 {
		t.Errorf("%d workflows were created in %s", n, ns)
	}
}

// adminToken mints a token for a service account as the admin (test setup, not the plugin).
func adminToken(t *testing.T, ns, name string) string {
	t.Helper()
	token := strings.TrimSpace(admin(t, "", "create", "token", name, "-n", ns))
	record.secret(token)
	return token
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
