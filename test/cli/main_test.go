// Package cli tests the built binary as users run it: through real `kubectl` plugin dispatch,
// as a separate process whose whole stdout and stderr (klog included) are captured.
package cli

import (
	"fmt"
	"os"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/plugintest"
)

// plugin is the freshly built kubectl-argo_submit, first on kubectl's PATH.
var plugin *plugintest.Plugin

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	built, err := plugintest.Build("../..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer built.Remove()
	plugin = built
	return m.Run()
}

type run = plugintest.Result

func kubectl(t *testing.T, env map[string]string, stdin string, args ...string) run {
	t.Helper()
	return plugin.Kubectl(t, env, stdin, args...)
}
