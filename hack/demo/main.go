// Command demo starts the local cluster and Argo Server (`make demo`), sets up a service account with
// the README's RBAC, and submits examples/hello-world.yaml with `kubectl argo-submit`; `demo down`
// (`make demo-down`) stops it. State lives in .demo/ of the repository.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/localcluster"
)

const stateDir = ".demo"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 1 || (args[0] != "up" && args[0] != "down") {
		return errors.New("usage: go run ./hack/demo up|down (from the repository root)")
	}
	if _, err := down(); err != nil {
		return err
	}
	if args[0] == "down" {
		fmt.Println("demo stopped; .demo removed")
		return nil
	}
	return up()
}

// down stops a running demo, if any, and removes its state.
func down() (bool, error) {
	stopped, err := localcluster.StopRecorded(filepath.Join(stateDir, "cluster"))
	if err != nil {
		return stopped, err
	}
	return stopped, os.RemoveAll(stateDir)
}

func up() error {
	root, err := filepath.Abs(".")
	if err != nil {
		return err
	}
	bins, err := localcluster.Build(root, os.Stderr)
	if err != nil {
		return err
	}
	binDir := filepath.Join(root, stateDir, "bin")
	if err := goBuild(binDir); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cluster, err := localcluster.Start(ctx, bins, filepath.Join(root, stateDir, "cluster"), true)
	if err != nil {
		return fmt.Errorf("%w (logs in %s)", err, filepath.Join(stateDir, "cluster", "logs"))
	}
	kubeconfig := filepath.Join(root, stateDir, "kubeconfig")
	if err := setUp(ctx, cluster, kubeconfig); err != nil {
		return err
	}
	return submit(cluster, binDir, kubeconfig)
}

func goBuild(binDir string) error {
	cmd := exec.Command("go", "build", "-o", filepath.Join(binDir, "kubectl-argo_submit"), "./cmd/kubectl-argo_submit")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

// setUp gives service account argo/ci the workflow Role of the README, lets the demo user (bob, a
// bearer-token user) mint its tokens, and writes bob's kubeconfig.
func setUp(ctx context.Context, cluster *localcluster.Cluster, kubeconfig string) error {
	ns := localcluster.ArgoNamespace
	if err := cluster.GrantSubmitter(ctx, ns, "ci", "bob"); err != nil {
		return err
	}
	return cluster.WriteKubeconfig(kubeconfig, localcluster.Context{Name: "demo", User: "bob", Namespace: ns})
}

func submit(cluster *localcluster.Cluster, binDir, kubeconfig string) error {
	env := []string{
		"PATH=" + binDir + string(os.PathListSeparator) + os.Getenv("PATH"),
		"KUBECONFIG=" + kubeconfig, "ARGO_SERVER=" + cluster.ArgoServer,
	}
	fmt.Println("$ kubectl argo-submit examples/hello-world.yaml --token-service-account ci --argo-ca-file " + rel(cluster.ArgoCAFile) + " -o wide")
	if err := kubectl(env, "argo-submit", "examples/hello-world.yaml", "--token-service-account", "ci", "--argo-ca-file", cluster.ArgoCAFile, "-o", "wide"); err != nil {
		return err
	}
	fmt.Println("\n$ kubectl get workflows -n argo   # as the cluster admin")
	if err := kubectl([]string{"KUBECONFIG=" + cluster.AdminKubeconfig}, "get", "workflows.argoproj.io", "-n", localcluster.ArgoNamespace); err != nil {
		return err
	}
	fmt.Printf(`
The cluster and Argo Server keep running (no workflow controller: workflows stay Pending). Point your shell at them:

  export PATH="%s:$PATH" KUBECONFIG="%s" ARGO_SERVER=%s
  kubectl argo-submit examples/hello-world.yaml --token-service-account ci --argo-ca-file %s

Stop everything with: make demo-down
`, rel(binDir), rel(kubeconfig), cluster.ArgoServer, rel(cluster.ArgoCAFile))
	return nil
}

func kubectl(env []string, args ...string) error {
	cmd := exec.Command("kubectl", args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}

// rel shows paths relative to the repository, as the user typed `make demo` there.
func rel(path string) string {
	wd, err := os.Getwd()
	if r, relErr := filepath.Rel(wd, path); err == nil && relErr == nil && !strings.HasPrefix(r, "..") {
		return "$PWD/" + r
	}
	return path
}
