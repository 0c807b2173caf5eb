package localcluster

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Binaries are the server executables built by hack/e2e/build-servers.sh.
type Binaries struct {
	Etcd, KubeAPIServer, KubeControllerManager string
	Argo                                       string // the Argo Server (`argo server`) and the argo CLI
	CRDs                                       string // folder of Argo's minimal CRDs, a kustomization
	Krew                                       string // kubectl-krew, run as `kubectl krew`
	ValidateKrewManifest                       string // krew-index's manifest check
}

// Binaries are the executables the cluster was started with, for tests that run the tools among them.
func (c *Cluster) Binaries() Binaries { return c.bins }

// Build runs the build script (which builds only what its version-keyed cache lacks) and returns the
// binaries. Its progress goes to log; the first run on a machine takes minutes.
func Build(repoRoot string, log io.Writer) (Binaries, error) {
	script := filepath.Join(repoRoot, "hack", "e2e", "build-servers.sh")
	var out bytes.Buffer
	cmd := exec.Command("bash", script)
	cmd.Stdout, cmd.Stderr = &out, log
	if err := cmd.Run(); err != nil {
		return Binaries{}, fmt.Errorf("building the e2e servers with %s: %w", script, err)
	}
	cache := strings.TrimSpace(out.String())
	bins := Binaries{
		Etcd:                  filepath.Join(cache, "etcd-v3.6.16", "etcd"),
		KubeAPIServer:         filepath.Join(cache, "kube-v1.37.2", "kube-apiserver"),
		KubeControllerManager: filepath.Join(cache, "kube-v1.37.2", "kube-controller-manager"),
		Argo:                  filepath.Join(cache, "argo-v3.7.18", "argo"),
		CRDs:                  filepath.Join(cache, "argo-v3.7.18", "crds"),
		Krew:                  filepath.Join(cache, "krew-v0.4.3", "kubectl-krew"),
		ValidateKrewManifest:  filepath.Join(cache, "krew-v0.4.3", "validate-krew-manifest"),
	}
	for _, path := range []string{bins.Etcd, bins.KubeAPIServer, bins.KubeControllerManager, bins.Argo, bins.CRDs, bins.Krew, bins.ValidateKrewManifest} {
		if _, err := os.Stat(path); err != nil {
			return Binaries{}, fmt.Errorf("%s did not produce %s: %w", script, path, err)
		}
	}
	return bins, nil
}
