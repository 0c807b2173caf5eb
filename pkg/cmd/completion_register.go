package cmd

import (
	"fmt"

	"github.com/go-logr/logr"
	"github.com/spf13/cobra"
	"k8s.io/klog/v2"
)

const completionHelp = `Generate the autocompletion script of kubectl-argo_submit for bash, zsh, fish or powershell; see
each sub-command's help for how to load it. The script completes the command typed as kubectl-argo_submit.

"kubectl argo-submit <TAB>" is completed by kubectl's own completion instead (kubectl 1.26 or later): it runs
the kubectl_complete-argo_submit helper (hack/completion/ in the source) when that is on your PATH, and the
helper asks "kubectl argo-submit __complete".`

// setUpCompletion adds cobra's default completion command now, not at Execute as cobra would, so
// that its help can say how kubectl plugins are completed; and it registers the dynamic
// completions of every flag that has them.
func setUpCompletion(root *cobra.Command, c *completer) {
	root.InitDefaultCompletionCmd()
	for _, sub := range root.Commands() {
		if sub.Name() == "completion" {
			sub.Short = "Generate the shell completion script (bash, zsh, fish or powershell)"
			sub.Long = completionHelp
		}
	}
	root.ValidArgsFunction = workflowArgs
	for flag, complete := range map[string]cobra.CompletionFunc{
		"context":               c.kubeconfigNames(contextNames),
		"cluster":               c.kubeconfigNames(clusterNames),
		"user":                  c.kubeconfigNames(userNames),
		"namespace":             c.namespaces,
		"token-namespace":       c.namespaces,
		"token-service-account": c.serviceAccounts,
		"token-secret":          c.tokenSecrets,
		"serviceaccount":        c.workflowServiceAccounts,
		"from":                  c.fromTemplates,
		"output":                outputFormats,
		"token-source":          tokenSources,
		"dry-run":               fixedValues("none", "client", "server"),
		"filename":              workflowFiles,
		"parameter-file":        workflowFiles,
	} {
		mustRegister(root, flag, complete)
	}
}

// mustRegister fails only on a programming error (no such flag, or registered twice), which every
// test that builds the command would show at once.
func mustRegister(cmd *cobra.Command, flag string, complete cobra.CompletionFunc) {
	if err := cmd.RegisterFlagCompletionFunc(flag, complete); err != nil {
		panic(fmt.Sprintf("completion of --%s: %v", flag, err))
	}
}

// isCompletionRequest recognises cobra's hidden __complete command, which completion scripts run.
func isCompletionRequest(args []string) bool {
	return len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
}

// silenceKlog drops every log line until the returned restore is called: a completion request runs
// while the user presses TAB, and a -v=N already typed on the line must not make client-go log.
func silenceKlog() (restore func()) {
	state := klog.CaptureState()
	klog.SetLogger(logr.Discard())
	return state.Restore
}
