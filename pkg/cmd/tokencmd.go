package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"
)

const tokenExamples = `  # A fresh token of service account "ci" in the current namespace (reused from the token cache while it lasts)
  kubectl argo-submit token --token-service-account ci

  # Use it with the argo CLI
  ARGO_TOKEN="$(kubectl argo-submit token --token-service-account ci)" argo list

  # Forget every cached token
  kubectl argo-submit token --clear-cache`

// newTokenCommand prints the resolved Authorization value: the one place a token is ever printed.
func newTokenCommand(kube *kubeAccess, streams genericiooptions.IOStreams) *cobra.Command {
	var clearCache bool
	cmd := &cobra.Command{
		Use:     "token",
		Short:   "Print the Argo token's Authorization value, like 'argo auth token'",
		Example: tokenExamples,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if clearCache {
				return clearTokenCache(kube, streams)
			}
			settings, err := kube.tokenFlags.ToSettings(cmd.Flags(), kube.getenv, "")
			if err != nil {
				return err
			}
			if err := kube.defaultTokenNamespace(&settings); err != nil {
				return err
			}
			tok, err := kube.resolveToken(cmd.Context(), settings)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(streams.Out, tok.Authorization())
			return err
		},
	}
	cmd.Flags().BoolVar(&clearCache, "clear-cache", false, "Remove every cached token (and its lock) and print how many were removed, instead of printing a token")
	return cmd
}

// clearTokenCache empties the token cache without resolving anything, so it works with no
// kubeconfig and whatever --token-cache says.
func clearTokenCache(kube *kubeAccess, streams genericiooptions.IOStreams) error {
	store, err := kube.tokenCacheStore()
	if err != nil {
		return fmt.Errorf("cannot find the token cache: %w", err)
	}
	removed, err := store.Clear()
	if err != nil {
		return fmt.Errorf("cannot clear the token cache %s: %w", store.Dir, err)
	}
	noun := "tokens"
	if removed == 1 {
		noun = "token"
	}
	_, err = fmt.Fprintf(streams.Out, "%d cached %s removed from %s\n", removed, noun, store.Dir)
	return err
}
