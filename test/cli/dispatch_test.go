package cli

import (
	"net"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

// The flags the core promises; --help through real kubectl dispatch must list every one.
var documentedFlags = []string{
	"--filename", "--parameter", "--parameter-file", "--entrypoint", "--name", "--generate-name", "--labels",
	"--serviceaccount", "--priority", "--dry-run", "--output",
	"--argo-server", "--argo-base-href", "--argo-insecure-skip-verify", "--argo-ca-file", "--argo-secure", "--argo-header",
	"--token-source", "--argo-token", "--token-service-account", "--token-namespace", "--token-duration", "--token-audience", "--token-secret", "--token-cache",
	"--kubeconfig", "--context", "--cluster", "--user", "--namespace", "--as", "--as-group", "--request-timeout", "--token", "--server",
}

func TestKubectlDispatchesHelp(t *testing.T) {
	r := kubectl(t, nil, "", "argo-submit", "--help")
	r.WantCode(t, 0)
	if !strings.Contains(r.Stdout, "kubectl argo-submit [FILE...] [flags]") {
		t.Errorf("usage line does not use the display name:\n%s", r.Stdout)
	}
	for _, flag := range documentedFlags {
		if !strings.Contains(r.Stdout, flag) {
			t.Errorf("--help lacks %s", flag)
		}
	}
}

func TestKubectlDispatchesVersion(t *testing.T) {
	r := kubectl(t, nil, "", "argo-submit", "version")
	r.WantCode(t, 0)
	if !strings.HasPrefix(r.Stdout, "kubectl-argo_submit ") {
		t.Errorf("version printed %q", r.Stdout)
	}
}

// connectionCounter accepts and counts TCP connections on 127.0.0.1.
type connectionCounter struct {
	addr  string
	count atomic.Int32
}

func countConnections(t *testing.T) *connectionCounter {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	c := &connectionCounter{addr: l.Addr().String()}
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			c.count.Add(1)
			conn.Close()
		}
	}()
	return c
}

// Every address a call could go to (Argo Server, Kubernetes API, proxies) points at one counter.
func trapEnv(t *testing.T, c *connectionCounter) map[string]string {
	return map[string]string{
		"KUBECONFIG":  fakeserver.WriteKubeconfig(t, "https://"+c.addr, "trap-kube-token", "argo"),
		"ARGO_SERVER": c.addr, "ARGO_TOKEN": "trap-token",
		"HTTPS_PROXY": "http://" + c.addr, "HTTP_PROXY": "http://" + c.addr,
	}
}

func TestHelpAndVersionMakeNoNetworkCall(t *testing.T) {
	c := countConnections(t)
	env := trapEnv(t, c)
	for _, args := range [][]string{{"argo-submit", "--help"}, {"argo-submit", "token", "--help"}, {"argo-submit", "version", "--help"}} {
		kubectl(t, env, "", args...).WantCode(t, 0)
	}
	// version asks only a configured Argo Server.
	noServer := trapEnv(t, c)
	delete(noServer, "ARGO_SERVER")
	for _, args := range [][]string{{"argo-submit", "version"}, {"argo-submit", "version", "-o", "json"}} {
		kubectl(t, noServer, "", args...).WantCode(t, 0)
	}
	if n := c.count.Load(); n != 0 {
		t.Fatalf("--help/version opened %d connections", n)
	}
	// The trap works: a submission does connect to it (and fails, since it is no Argo Server).
	kubectl(t, env, mustWorkflow(t), "argo-submit", "-f", "-", "-v=6")
	if c.count.Load() == 0 {
		t.Fatal("the connection counter saw nothing even for a submission: this test cannot detect calls")
	}
}
