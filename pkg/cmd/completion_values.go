package cmd

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

// workflowFileExtensions are the files worth offering for workflows and parameters.
func workflowFileExtensions() []cobra.Completion { return []cobra.Completion{"yaml", "yml", "json"} }

// workflowFiles completes -f and --parameter-file.
func workflowFiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return workflowFileExtensions(), cobra.ShellCompDirectiveFilterFileExt
}

// workflowArgs completes the positional workflow files. As the first word it leaves the field to
// the subcommands cobra offers when one could match, because no shell can mix a filter of file
// extensions with plain words; with --from there are no files to give.
func workflowArgs(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if cmd.Flags().Changed("from") {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	if len(args) == 0 && !localFlagGiven(cmd) && matchesSubcommand(cmd, toComplete) {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return workflowFiles(cmd, args, toComplete)
}

// localFlagGiven mirrors cobra's rule: after a flag of the root itself, it offers no subcommand.
func localFlagGiven(cmd *cobra.Command) bool {
	given := false
	cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) { given = given || f.Changed })
	return given
}

func matchesSubcommand(cmd *cobra.Command, toComplete string) bool {
	for _, sub := range cmd.Commands() {
		if (sub.IsAvailableCommand() || sub.Name() == "help") && strings.HasPrefix(sub.Name(), toComplete) {
			return true
		}
	}
	return false
}

// outputFormats completes the submission's -o. When a candidate ends in "=" no space is added:
// its template must follow without one, while a space missing after "json" costs a key press.
func outputFormats(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	formats := withPrefix(outputFormatChoices(), toComplete)
	for _, f := range formats {
		if strings.HasSuffix(f, "=") {
			return formats, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
		}
	}
	return formats, cobra.ShellCompDirectiveNoFileComp
}

// tokenSources completes --token-source, in the order the help lists them.
func tokenSources(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	names := make([]string, 0, len(token.Modes()))
	for _, m := range token.Modes() {
		names = append(names, string(m))
	}
	return withPrefix(names, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// fixedValues completes a flag from a fixed list.
func fixedValues(values ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return withPrefix(values, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}
