package cmd

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/workflow"
)

// templateRef is --from kind/name, with the kind as the Argo Server's API names it.
type templateRef struct {
	Kind, Name string
	typed      string // the kind as the user typed it, for messages
}

func (r templateRef) String() string { return r.typed + "/" + r.Name }

// templateKinds maps every spelling argo accepts for --from to the API's resourceKind.
func templateKinds() map[string]string {
	return map[string]string{
		"workflowtemplate": "WorkflowTemplate", "wftmpl": "WorkflowTemplate",
		"clusterworkflowtemplate": "ClusterWorkflowTemplate", "cwftmpl": "ClusterWorkflowTemplate",
		"cronworkflow": "CronWorkflow", "cronwf": "CronWorkflow",
	}
}

func parseTemplateRef(value string) (templateRef, error) {
	kind, name, ok := strings.Cut(value, "/")
	apiKind, known := templateKinds()[strings.ToLower(kind)]
	if !ok || !known || name == "" || strings.Contains(name, "/") {
		return templateRef{}, usageErrorf("invalid --from %q: use KIND/NAME with KIND one of %s", value, strings.Join(sortedKeys(templateKinds()), ", "))
	}
	return templateRef{Kind: apiKind, Name: name, typed: strings.ToLower(kind)}, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// fromSubmitOptions turns the argo-submit flags into the Argo Server's submitOptions.
func fromSubmitOptions(opts workflow.Options) argo.SubmitOptions {
	params := make([]string, 0, len(opts.Parameters))
	for _, p := range opts.Parameters {
		params = append(params, p.Name+"="+p.Value)
	}
	labels := make([]string, 0, len(opts.Labels))
	for k, v := range opts.Labels {
		labels = append(labels, fmt.Sprintf("%s=%s", k, v))
	}
	sort.Strings(labels)
	return argo.SubmitOptions{
		Name: opts.Name, GenerateName: opts.GenerateName, EntryPoint: opts.Entrypoint,
		Parameters: params, Labels: strings.Join(labels, ","), ServiceAccount: opts.ServiceAccount, Priority: opts.Priority,
	}
}
