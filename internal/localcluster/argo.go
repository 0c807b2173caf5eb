package localcluster

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

const argoTLSSecret = "argo-server-tls"

// installArgo applies Argo's CRDs and prepares the main Argo Server's namespace.
func (c *Cluster) installArgo(ctx context.Context) error {
	if _, err := c.Kubectl(ctx, "", "apply", "--server-side", "-k", c.bins.CRDs); err != nil {
		return err
	}
	if _, err := c.Kubectl(ctx, "", "wait", "--for", "condition=Established", "crd/workflows.argoproj.io", "--timeout", "30s"); err != nil {
		return err
	}
	return c.prepareArgoNamespace(ctx, ArgoNamespace)
}

// prepareArgoNamespace creates what an Argo Server needs in its namespace: the controller's ConfigMap
// (the server exits without it) and the TLS Secret it serves.
func (c *Cluster) prepareArgoNamespace(ctx context.Context, namespace string) error {
	if _, err := c.Kubectl(ctx, "", "create", "configmap", "workflow-controller-configmap", "-n", namespace); err != nil {
		return err
	}
	_, err := c.Kubectl(ctx, "", "create", "secret", "tls", argoTLSSecret, "-n", namespace,
		"--cert", c.path("argo.crt"), "--key", c.path("argo.key"))
	return err
}

// StartArgoServer starts (or restarts) the main Argo Server, at ArgoServer.
func (c *Cluster) StartArgoServer(ctx context.Context) error {
	return c.startArgoServer(ctx, "argo-server", ArgoNamespace, c.ArgoServer)
}

// StartExtraArgoServer starts one more Argo Server, for namespace (created if needed) on a port of
// its own, as a second cluster's server would be; it returns its host:port. Stop stops it too.
func (c *Cluster) StartExtraArgoServer(ctx context.Context, namespace string) (string, error) {
	if _, err := c.Kubectl(ctx, "", "create", "namespace", namespace); err != nil {
		return "", err
	}
	if err := c.prepareArgoNamespace(ctx, namespace); err != nil {
		return "", err
	}
	ports, err := freePorts(1)
	if err != nil {
		return "", err
	}
	hostPort := fmt.Sprintf("127.0.0.1:%d", ports[0])
	return hostPort, c.startArgoServer(ctx, "argo-server-"+namespace, namespace, hostPort)
}

// startArgoServer runs `argo server` in client auth mode (the default of real installs): it passes
// each caller's bearer token to Kubernetes. In that mode it builds callers' clients from the
// KUBECONFIG environment variable, hence the env as well as --kubeconfig.
func (c *Cluster) startArgoServer(ctx context.Context, name, namespace, hostPort string) error {
	_, port, _ := strings.Cut(hostPort, ":")
	p, err := c.start(name, []string{"KUBECONFIG=" + c.AdminKubeconfig}, c.bins.Argo, "server",
		"--auth-mode", "client", "--namespace", namespace, "--port", port,
		"--secure=true", "--tls-certificate-secret-name", argoTLSSecret, "--kubeconfig", c.AdminKubeconfig,
		"--loglevel", "info")
	if err != nil {
		return err
	}
	client, err := tlsClient(c.ArgoCAFile, nil)
	if err != nil {
		return err
	}
	// Ready when a call passes its HTTP gateway into its gRPC service and on to Kubernetes: a
	// made-up token then gets 401 from Kubernetes. /api/v1/version alone answers before the
	// gateway's own connection to the gRPC service is up, which then fails calls with 503 for a while.
	return p.waitFor(ctx, startTimeout, httpStatus(client, "https://"+hostPort+"/api/v1/workflows/"+namespace,
		http.StatusUnauthorized, "Authorization", "Bearer readiness-probe"))
}

// StopArgoServer stops the main Argo Server alone, to test an unreachable server; StartArgoServer
// brings it back on the same port.
func (c *Cluster) StopArgoServer() { c.stopProcess("argo-server") }

// StopExtraArgoServer stops the Argo Server StartExtraArgoServer started for namespace.
func (c *Cluster) StopExtraArgoServer(namespace string) { c.stopProcess("argo-server-" + namespace) }

func (c *Cluster) stopProcess(name string) {
	if p := c.processes[name]; p != nil {
		p.stop(stopGrace)
	}
}
