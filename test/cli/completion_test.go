package cli

import (
	"strings"
	"testing"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

// Completion through kubectl's dispatch, as the kubectl_complete-argo_submit helper asks for it:
// candidates and the directive on stdout, and on stderr only cobra's closing line (no log, no
// warning, no error), even with -v=10 on the line and a cluster that cannot be listed.
func TestCompletionThroughKubectl(t *testing.T) {
	kube := fakeserver.NewKube(t)
	trap := trapEnv(t, countConnections(t))
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"listed", map[string]string{"KUBECONFIG": kube.WriteKubeconfig(t, "argo")}, "argo\ndefault\nteam-a\n:4\n"},
		{"connection closed", map[string]string{"KUBECONFIG": trap["KUBECONFIG"]}, ":4\n"},
		{"no kubeconfig", nil, ":4\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := kubectl(t, tc.env, "", "argo-submit", "__complete", "-v=10", "-n", "")
			r.WantCode(t, 0)
			if r.Stdout != tc.want {
				t.Errorf("stdout %q, want %q", r.Stdout, tc.want)
			}
			if r.Stderr != "Completion ended with directive: ShellCompDirectiveNoFileComp\n" {
				t.Errorf("stderr:\n%s", r.Stderr)
			}
		})
	}
}

func TestCompletionScriptNamesTheExecutable(t *testing.T) {
	r := kubectl(t, nil, "", "argo-submit", "completion", "zsh")
	r.WantCode(t, 0)
	if !strings.HasPrefix(r.Stdout, "#compdef kubectl-argo_submit\ncompdef _kubectl-argo_submit kubectl-argo_submit\n") {
		t.Errorf("zsh script starts:\n%.200s", r.Stdout)
	}
}
