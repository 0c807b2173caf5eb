package cmd

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/contextconfig"
)

func newConfigUnsetCommand(kube *kubeAccess, streams genericiooptions.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "unset KEY... [--context NAME]",
		Short: "Remove argo-submit settings of a kube context",
		Long: "Remove argo-submit settings of a kube context (--context, else the current one). The keys are the names\n" +
			"'config view' prints: " + strings.Join(contextconfig.Keys(), ", ") + ".",
		Example: "  kubectl argo-submit config unset argoCAFile argoInsecureSkipVerify\n  kubectl argo-submit config unset --context prod tokenServiceAccount",
		Args:    checkSettingKeys,
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var keys []string
			for _, key := range contextconfig.Keys() {
				if !slices.Contains(args, key) {
					keys = append(keys, key)
				}
			}
			return withPrefix(keys, toComplete), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, keys []string) error { return unsetContextSettings(kube, streams, keys) },
	}
}

// checkSettingKeys wants one or more keys, each a setting's JSON name.
func checkSettingKeys(_ *cobra.Command, keys []string) error {
	valid := strings.Join(contextconfig.Keys(), ", ")
	if len(keys) == 0 {
		return usageErrorf("config unset needs the keys to remove: %s", valid)
	}
	for _, key := range keys {
		if !slices.Contains(contextconfig.Keys(), key) {
			return usageErrorf("unknown key %q: the keys are %s", key, valid)
		}
	}
	return nil
}

func unsetContextSettings(kube *kubeAccess, streams genericiooptions.IOStreams, keys []string) error {
	context, err := kube.requiredContext()
	if err != nil {
		return err
	}
	err = contextconfig.Save(kube.configFlags.ToRawKubeConfigLoader(), context, func(s *contextconfig.Settings) error {
		for _, key := range keys {
			s.Unset(key)
		}
		if slices.Contains(keys, "argoServer") {
			return checkServerSettings(*s) // what describes the server cannot stay without it
		}
		return nil
	})
	if err != nil {
		return contextError(err)
	}
	_, err = fmt.Fprintf(streams.Out, "argo-submit settings of context %q updated\n", context)
	return err
}
