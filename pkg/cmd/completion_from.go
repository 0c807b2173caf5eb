package cmd

import (
	"strings"

	"github.com/spf13/cobra"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// fromTemplates completes --from: first the kinds (with their "/", and no space after it), then
// the names of that kind, in the submission namespace unless the kind is cluster-scoped.
func (c *completer) fromTemplates(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	typed, _, hasKind := strings.Cut(toComplete, "/")
	if !hasKind {
		return templateKindPrefixes(toComplete), cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	}
	kind, known := templateKinds()[strings.ToLower(typed)]
	if !known {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	resource, namespaced := templateResource(kind)
	// The kind stays as typed, so that each candidate starts with what the shell has.
	return c.listed(cmd, toComplete, typed+"/", func() (listQuery, error) {
		q := listQuery{resource: resource}
		if !namespaced {
			return q, nil
		}
		ns, err := c.namespace()
		q.namespace = ns
		return q, err
	})
}

// templateKindPrefixes are every spelling --from accepts, each described by its API kind.
func templateKindPrefixes(toComplete string) []cobra.Completion {
	kinds := templateKinds()
	var prefixes []cobra.Completion
	for _, typed := range sortedKeys(kinds) {
		if strings.HasPrefix(typed+"/", toComplete) {
			prefixes = append(prefixes, cobra.CompletionWithDesc(typed+"/", kinds[typed]))
		}
	}
	return prefixes
}

// templateResource is the argoproj.io resource of an API kind of templateKinds, and whether it is namespaced.
func templateResource(kind string) (schema.GroupVersionResource, bool) {
	resource := schema.GroupVersionResource{Group: "argoproj.io", Version: "v1alpha1", Resource: strings.ToLower(kind) + "s"}
	return resource, kind != "ClusterWorkflowTemplate"
}
