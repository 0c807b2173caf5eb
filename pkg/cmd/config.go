package cmd

import (
	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"
)

const configHelp = `Store kubectl argo-submit's settings for a kube context in the kubeconfig, so that switching the kube
context (kubectl config use-context, or --context) switches the Argo Server, the token source and the
default namespace with it. They are kept as the context's extension "argo-submit", in the kubeconfig file
that defines the context; kubectl keeps it when it rewrites the file. No token is ever stored.

Each setting is a default: flags win over ARGO_* variables, which win over the context's settings, which
win over the built-in defaults. The context is --context, else the current one.`

const configExamples = `  # The Argo Server and service account of the current context
  kubectl argo-submit config set --argo-server argo.example.com:2746 --token-service-account ci

  # Another context, with its own CA and default namespace
  kubectl argo-submit config set --context prod --argo-server https://argo.prod.example.com \
    --argo-ca-file prod-ca.pem --default-namespace workflows

  # What is stored, and removing a setting
  kubectl argo-submit config view --context prod
  kubectl argo-submit config unset --context prod argoCAFile

  # For tools that read only ARGO_* variables, such as the argo CLI
  eval "$(kubectl argo-submit config use-env)"`

// newConfigCommand groups the subcommands that read and write a context's argo-submit settings.
func newConfigCommand(kube *kubeAccess, streams genericiooptions.IOStreams, c *completer) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "config",
		Short:   "Store the Argo Server, token source and namespace of a kube context in the kubeconfig",
		Long:    configHelp,
		Example: configExamples,
		Args:    cobra.ArbitraryArgs,
		// cobra would print the help for any word here; a mistyped subcommand must fail instead.
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unknown config subcommand %q: use set, view, unset or use-env", args[0])
			}
			return cmd.Help()
		},
	}
	cmd.AddCommand(
		newConfigSetCommand(kube, streams, c),
		newConfigViewCommand(kube, streams),
		newConfigUnsetCommand(kube, streams),
		newConfigUseEnvCommand(kube, streams),
	)
	return cmd
}
