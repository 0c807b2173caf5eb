package localcluster

import (
	"context"
	"fmt"
	"net/http"
)

const argoTLSSecret = "argo-server-tls"

// installArgo applies Argo's CRDs and what the Argo Server needs in its namespace: the controller's
// ConfigMap (the server exits without it) and the TLS Secret it serves.
func (c *Cluster) installArgo(ctx context.Context) error {
	if _, err := c.Kubectl(ctx, "", "apply", "--server-side", "-k", c.bins.CRDs); err != nil {
		return err
	}
	if _, err := c.Kubectl(ctx, "", "wait", "--for", "condition=Established", "crd/workflows.argoproj.io", "--timeout", "30s"); err != nil {
		return err
	}
	if _, err := c.Kubectl(ctx, "", "create", "configmap", "workflow-controller-configmap", "-n", ArgoNamespace); err != nil {
		return err
	}
	_, err := c.Kubectl(ctx, "", "create", "secret", "tls", argoTLSSecret, "-n", ArgoNamespace,
		"--cert", c.path("argo.crt"), "--key", c.path("argo.key"))
	return err
}

// StartArgoServer starts the Argo Server in client auth mode (the default of real installs): it
// passes each caller's bearer token to Kubernetes. In that mode it builds callers' clients from the
// KUBECONFIG environment variable, hence the env as well as --kubeconfig.
func (c *Cluster) StartArgoServer(ctx context.Context) error {
	p, err := c.start("argo-server", []string{"KUBECONFIG=" + c.AdminKubeconfig}, c.bins.Argo, "server",
		"--auth-mode", "client", "--namespace", ArgoNamespace, "--port", fmt.Sprint(c.ports["argo"]),
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
	return p.waitFor(ctx, startTimeout, httpStatus(client, "https://"+c.ArgoServer+"/api/v1/workflows/"+ArgoNamespace,
		http.StatusUnauthorized, "Authorization", "Bearer readiness-probe"))
}

// StopArgoServer stops the Argo Server alone, to test an unreachable server; StartArgoServer
// brings it back on the same port.
func (c *Cluster) StopArgoServer() {
	if p := c.processes["argo-server"]; p != nil {
		p.stop(stopGrace)
	}
}
