// Package localcluster runs a real Kubernetes control plane (etcd, kube-apiserver,
// kube-controller-manager) and a real Argo Server on 127.0.0.1, for the e2e tests and `make demo`.
// No pod ever runs: submitting a workflow needs only the API.
package localcluster

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

const (
	// ArgoNamespace is where the Argo Server runs and where workflows go by default.
	ArgoNamespace = "argo"
	startTimeout  = 60 * time.Second
	stopGrace     = 5 * time.Second
)

// Cluster is a running local cluster. Dir holds certificates, kubeconfigs, data and logs (LogDir).
type Cluster struct {
	Dir             string
	LogDir          string
	APIServerURL    string
	CAFile          string // the cluster CA, which signed the API server's certificate and client certificates
	AdminKubeconfig string
	ArgoServer      string // host:port of the Argo Server (TLS)
	ArgoCAFile      string // the CA of the Argo Server's certificate, unknown to the system roots
	StaticTokens    map[string]string

	bins      Binaries
	detached  bool
	ports     map[string]int
	users     map[string]*clientcmdapi.AuthInfo
	saKey     *rsa.PrivateKey
	processes map[string]*process
	order     []string
}

// Start starts every server in dir (created if needed) and waits until each is ready. On error it
// stops what it started; the logs stay in dir/logs. Servers die with the calling process unless
// detached, when they run on until StopRecorded(dir).
func Start(ctx context.Context, bins Binaries, dir string, detached bool) (*Cluster, error) {
	c := &Cluster{Dir: dir, LogDir: filepath.Join(dir, "logs"), bins: bins, detached: detached, processes: map[string]*process{}}
	if err := c.startAll(ctx); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

func (c *Cluster) startAll(ctx context.Context) error {
	if err := c.prepare(); err != nil {
		return err
	}
	for _, step := range []func(context.Context) error{c.startEtcd, c.startAPIServer, c.startControllerManager, c.installArgo, c.StartArgoServer} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// prepare generates ports, certificates, keys, users and kubeconfigs.
func (c *Cluster) prepare() error {
	if err := os.MkdirAll(c.LogDir, 0o700); err != nil {
		return err
	}
	ports, err := freePorts(4)
	if err != nil {
		return err
	}
	c.ports = map[string]int{"etcd": ports[0], "etcd-peer": ports[1], "apiserver": ports[2], "argo": ports[3]}
	c.APIServerURL = fmt.Sprintf("https://127.0.0.1:%d", c.ports["apiserver"])
	c.ArgoServer = fmt.Sprintf("127.0.0.1:%d", c.ports["argo"])
	c.StaticTokens = map[string]string{"bob": randomToken("bob"), "carol": randomToken("carol"), "dave": randomToken("dave")}
	if err := c.writeCertificates(); err != nil {
		return err
	}
	c.AdminKubeconfig = filepath.Join(c.Dir, "admin.kubeconfig")
	return c.WriteKubeconfig(c.AdminKubeconfig, Context{Name: "admin", User: "admin", Namespace: ArgoNamespace})
}

func (c *Cluster) writeCertificates() error {
	clusterCA, err := newAuthority("local-cluster-ca")
	if err != nil {
		return err
	}
	c.CAFile = c.path("ca.crt")
	if err := os.WriteFile(c.CAFile, clusterCA.certPEM(), 0o600); err != nil {
		return err
	}
	serving, err := clusterCA.issue("kube-apiserver", nil, true)
	if err != nil {
		return err
	}
	if err := serving.write(c.path("apiserver.crt"), c.path("apiserver.key")); err != nil {
		return err
	}
	if c.saKey, err = newServiceAccountKey(c.path("sa.key")); err != nil {
		return err
	}
	if err := c.writeArgoCertificate(); err != nil {
		return err
	}
	return c.addUsers(clusterCA)
}

// writeArgoCertificate signs the Argo Server's certificate with a CA of its own, so that default
// verification fails as with any private CA, and --argo-ca-file fixes it.
func (c *Cluster) writeArgoCertificate() error {
	argoCA, err := newAuthority("local-argo-ca")
	if err != nil {
		return err
	}
	c.ArgoCAFile = c.path("argo-ca.crt")
	if err := os.WriteFile(c.ArgoCAFile, argoCA.certPEM(), 0o600); err != nil {
		return err
	}
	pair, err := argoCA.issue("argo-server", nil, true)
	if err != nil {
		return err
	}
	return pair.write(c.path("argo.crt"), c.path("argo.key"))
}

func (c *Cluster) startEtcd(ctx context.Context) error {
	client := fmt.Sprintf("http://127.0.0.1:%d", c.ports["etcd"])
	peer := fmt.Sprintf("http://127.0.0.1:%d", c.ports["etcd-peer"])
	p, err := c.start("etcd", nil, c.bins.Etcd, "--name", "local", "--data-dir", c.path("etcd-data"),
		"--listen-client-urls", client, "--advertise-client-urls", client,
		"--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "local="+peer,
		"--unsafe-no-fsync", "--log-level", "warn")
	if err != nil {
		return err
	}
	return p.waitFor(ctx, startTimeout, httpReady(http.DefaultClient, client+"/health"))
}

func (c *Cluster) startAPIServer(ctx context.Context) error {
	if err := c.writeTokenFile(c.path("tokens.csv")); err != nil {
		return err
	}
	if err := os.WriteFile(c.path("audit-policy.yaml"), []byte(auditPolicy), 0o600); err != nil {
		return err
	}
	p, err := c.start("kube-apiserver", nil, c.bins.KubeAPIServer,
		"--etcd-servers", fmt.Sprintf("http://127.0.0.1:%d", c.ports["etcd"]),
		"--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1",
		"--secure-port", fmt.Sprint(c.ports["apiserver"]),
		"--tls-cert-file", c.path("apiserver.crt"), "--tls-private-key-file", c.path("apiserver.key"),
		"--client-ca-file", c.CAFile, "--token-auth-file", c.path("tokens.csv"),
		"--service-account-issuer", "https://kubernetes.default.svc",
		"--service-account-key-file", c.path("sa.key"), "--service-account-signing-key-file", c.path("sa.key"),
		"--authorization-mode", "RBAC", "--service-cluster-ip-range", "10.96.0.0/24",
		"--endpoint-reconciler-type", "none", "--disable-admission-plugins", "ServiceAccount",
		"--audit-policy-file", c.path("audit-policy.yaml"), "--audit-log-path", c.auditLog(),
		"--audit-log-mode", "blocking")
	if err != nil {
		return err
	}
	client, err := c.adminHTTPClient()
	if err != nil {
		return err
	}
	return p.waitFor(ctx, startTimeout, httpReady(client, c.APIServerURL+"/readyz"))
}

// startControllerManager runs only the controllers that fill legacy token Secrets, the real
// path that --token-source secret reads.
func (c *Cluster) startControllerManager(ctx context.Context) error {
	p, err := c.start("kube-controller-manager", nil, c.bins.KubeControllerManager,
		"--kubeconfig", c.AdminKubeconfig, "--controllers", "serviceaccount-token,serviceaccount",
		"--service-account-private-key-file", c.path("sa.key"), "--root-ca-file", c.CAFile,
		"--leader-elect=false", "--secure-port", "0")
	if err != nil {
		return err
	}
	// Ready once it has created the default service account of the argo namespace.
	if _, err := c.Kubectl(ctx, "", "create", "namespace", ArgoNamespace); err != nil {
		return err
	}
	return p.waitFor(ctx, startTimeout, func(ctx context.Context) error {
		_, err := c.Kubectl(ctx, "", "get", "serviceaccount", "default", "-n", ArgoNamespace)
		return err
	})
}

// Kubectl runs kubectl as the cluster admin with stdin, returning its stdout.
func (c *Cluster) Kubectl(ctx context.Context, stdin string, args ...string) (string, error) {
	// Its discovery cache stays in the cluster's folder, not the user's ~/.kube/cache.
	global := []string{"--kubeconfig", c.AdminKubeconfig, "--cache-dir", c.path("kubectl-cache")}
	cmd := exec.CommandContext(ctx, "kubectl", append(global, args...)...)
	cmd.Env = append(os.Environ(), "KUBECONFIG=")
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("kubectl %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}

// Stop stops every server, the last started first.
func (c *Cluster) Stop() {
	for i := len(c.order) - 1; i >= 0; i-- {
		if p := c.processes[c.order[i]]; p != nil {
			p.stop(stopGrace)
		}
	}
}

func (c *Cluster) start(name string, env []string, binary string, args ...string) (*process, error) {
	p, err := startProcess(c.LogDir, name, env, c.detached, binary, args...)
	if err != nil {
		return nil, err
	}
	if err := recordPID(c.Dir, name, p.cmd.Process.Pid, p.cmd.Path); err != nil {
		return nil, err
	}
	if _, seen := c.processes[name]; !seen {
		c.order = append(c.order, name)
	}
	c.processes[name] = p
	return p, nil
}

func (c *Cluster) path(name string) string { return filepath.Join(c.Dir, name) }

func (c *Cluster) adminHTTPClient() (*http.Client, error) {
	user := c.users["admin"]
	cert, err := tls.LoadX509KeyPair(user.ClientCertificate, user.ClientKey)
	if err != nil {
		return nil, err
	}
	return tlsClient(c.CAFile, []tls.Certificate{cert})
}

func tlsClient(caFile string, certs []tls.Certificate) (*http.Client, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("no certificate in " + caFile)
	}
	transport := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: certs}}
	return &http.Client{Transport: transport, Timeout: 5 * time.Second}, nil
}

func httpReady(client *http.Client, url string, header ...string) func(context.Context) error {
	return httpStatus(client, url, http.StatusOK, header...)
}

// httpStatus is ready when GET url (with header: key, value pairs) answers want.
func httpStatus(client *http.Client, url string, want int, header ...string) func(context.Context) error {
	return func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			return fmt.Errorf("GET %s: %s, want %d", url, resp.Status, want)
		}
		return nil
	}
}

func randomToken(user string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return user + "-" + hex.EncodeToString(b)
}
