// Package e2e runs `kubectl argo-submit` through real kubectl plugin dispatch against a real
// etcd, kube-apiserver, kube-controller-manager and Argo Server started on 127.0.0.1, and checks
// through the Kubernetes API what was created.
package e2e

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/localcluster"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/plugintest"
)

// The suite's shared state, set up once by TestMain: starting the cluster takes seconds.
var (
	cluster *localcluster.Cluster
	plugin  *plugintest.Plugin
	record  = &transcript{}
)

func TestMain(m *testing.M) {
	os.Exit(runSuite(m))
}

func runSuite(m *testing.M) (code int) {
	start := time.Now()
	bins, err := localcluster.Build("../..", os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	dir, err := os.MkdirTemp("", "argo-submit-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer func() {
		if code != 0 {
			fmt.Fprintf(os.Stderr, "e2e: server logs kept in %s\n", dir)
			return
		}
		os.RemoveAll(dir)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if cluster, err = localcluster.Start(ctx, bins, dir, false); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: starting the local cluster:", err)
		return 1
	}
	defer cluster.Stop()
	fmt.Fprintf(os.Stderr, "e2e: real etcd, kube-apiserver (%s), kube-controller-manager and Argo Server (%s) up in %s\n",
		cluster.APIServerURL, cluster.ArgoServer, time.Since(start).Round(time.Millisecond))
	if plugin, err = plugintest.Build("../.."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer plugin.Remove()
	code = m.Run()
	if leaks := record.leaks(); len(leaks) > 0 {
		fmt.Fprintf(os.Stderr, "e2e: tokens appeared in the plugin's output:\n%s\n", leaks)
		code = 1
	}
	fmt.Fprintf(os.Stderr, "e2e: %d plugin runs checked for tokens\n", record.runs())
	return code
}
