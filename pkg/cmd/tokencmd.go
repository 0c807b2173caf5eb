package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"
)

const tokenExamples = `  # A fresh token of service account "ci" in the current namespace
  kubectl argo-submit token --token-service-account ci

  # Use it with the argo CLI
  ARGO_TOKEN="$(kubectl argo-submit token --token-service-account ci)" argo list`

// newTokenCommand prints the resolved Authorization value: the one place a token is ever printed.
func newTokenCommand(kube *kubeAccess, streams genericiooptions.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:     "token",
		Short:   "Print the Argo token's Authorization value, like 'argo auth token'",
		Example: tokenExamples,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			settings, err := kube.tokenFlags.ToSettings(cmd.Flags(), kube.getenv, "")
			if err != nil {
				return err
			}
			if settings.Namespace == "" && !isDirectToken(settings) {
				if settings.Namespace, _, err = kube.namespace(); err != nil {
					return err
				}
			}
			tok, err := kube.resolveToken(cmd.Context(), settings)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(streams.Out, tok.Authorization())
			return err
		},
	}
}
