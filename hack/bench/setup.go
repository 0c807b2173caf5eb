package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/localcluster"
)

const (
	namespace      = "bench"
	serviceAccount = "ci"
	user           = "bob" // a bearer-token user of the local cluster, allowed to mint ci's tokens
)

// env is everything the measurements share: the running cluster, the built tools and the token.
type env struct {
	root, dir     string
	bins          localcluster.Binaries
	cluster       *localcluster.Cluster
	plugin        string // release build of the plugin
	rawclient     string // the minimal client, the floor and ceiling
	token         string // a TokenRequest token of ci, without "Bearer "
	userKubecfg   string // bob's kubeconfig, namespace bench
	home          string // HOME of every measured process: no ~/.kube of the developer's
	argoTLSEnv    string // how the argo CLI trusts the Argo Server (see argoTrust)
	argoTLSIsSafe bool
}

// buildTools builds the plugin as a release is built (stripped, trimmed paths, no cgo) and the raw
// client the same way, so that sizes and start-up compare with a released binary.
func (e *env) buildTools() error {
	binDir := filepath.Join(e.dir, "bin")
	e.plugin = filepath.Join(binDir, "kubectl-argo_submit")
	e.rawclient = filepath.Join(binDir, "rawclient")
	for out, pkg := range map[string]string{e.plugin: "./cmd/kubectl-argo_submit", e.rawclient: "./hack/bench/rawclient"} {
		build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", out, pkg)
		build.Dir = e.root
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if output, err := build.CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %w\n%s", pkg, err, output)
		}
	}
	return nil
}

// startCluster starts the local cluster and gives it the README's RBAC (localcluster.GrantSubmitter,
// as hack/demo does): ci may create workflows in the bench namespace, bob may mint ci's tokens.
func (e *env) startCluster() error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cluster, err := localcluster.Start(ctx, e.bins, filepath.Join(e.dir, "cluster"), false)
	if err != nil {
		return err
	}
	e.cluster = cluster
	if _, err := cluster.Kubectl(ctx, "", "create", "namespace", namespace); err != nil {
		return err
	}
	if err := cluster.GrantSubmitter(ctx, namespace, serviceAccount, user); err != nil {
		return err
	}
	if e.userKubecfg, err = cluster.Kubeconfig(user, namespace); err != nil {
		return err
	}
	token, err := cluster.Kubectl(ctx, "", "create", "token", serviceAccount, "-n", namespace, "--duration", "3h")
	e.token = strings.TrimSpace(token)
	return err
}

// baseEnv is the environment every measured process starts from: PATH (curl), a HOME of the
// benchmark's own, and no kubeconfig.
func (e *env) baseEnv(extra ...string) []string {
	return append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + e.home, "KUBECONFIG=/dev/null"}, extra...)
}

// admin runs kubectl as the cluster admin, bounded in time.
func (e *env) admin(timeout time.Duration, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return e.cluster.Kubectl(ctx, "", args...)
}
