package workflow

import (
	"errors"
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/api/validate/content"
)

const (
	workflowAPIVersion = "argoproj.io/v1alpha1"
	workflowKind       = "Workflow"
)

// checkKind accepts only argoproj.io/v1alpha1 Workflows, and points users who
// pass a template to the flag meant for it.
func checkKind(wf map[string]any) error {
	apiVersion, _ := wf["apiVersion"].(string)
	kind, _ := wf["kind"].(string)
	switch {
	case apiVersion == "":
		return errors.New(`apiVersion is missing or not a string: a workflow has "apiVersion: argoproj.io/v1alpha1" and "kind: Workflow"`)
	case kind == "":
		return errors.New(`kind is missing or not a string: a workflow has "apiVersion: argoproj.io/v1alpha1" and "kind: Workflow"`)
	case kind == workflowKind && apiVersion == workflowAPIVersion:
		return nil
	case kind == workflowKind:
		return fmt.Errorf("apiVersion %q is not supported: Workflows are %s", apiVersion, workflowAPIVersion)
	case isTemplateKind(kind):
		return fmt.Errorf("this is a %s, not a Workflow: apply it to the cluster (kubectl apply -f), then submit it with --from %s/%s",
			kind, strings.ToLower(kind), templateName(wf))
	default:
		return fmt.Errorf("kind %q (apiVersion %q) is not an Argo Workflow: only %s %s objects can be submitted",
			kind, apiVersion, workflowAPIVersion, workflowKind)
	}
}

func isTemplateKind(kind string) bool {
	switch kind {
	case "WorkflowTemplate", "ClusterWorkflowTemplate", "CronWorkflow":
		return true
	}
	return false
}

// templateName fills the --from hint with the template's own name when it has one.
func templateName(wf map[string]any) string {
	if meta, ok := wf["metadata"].(map[string]any); ok {
		if name, ok := meta["name"].(string); ok && name != "" {
			return name
		}
	}
	return "NAME"
}

// checkShape rejects fields of the wrong type before options are applied, so
// that applying them cannot fail half-way or silently do nothing.
func checkShape(wf map[string]any) error {
	meta, err := lookupObject(wf, "metadata", "metadata")
	if err != nil {
		return err
	}
	if err := checkMetadata(meta); err != nil {
		return err
	}
	spec, err := lookupObject(wf, "spec", "spec")
	if err != nil {
		return err
	}
	if spec == nil {
		return errors.New("spec is missing: a workflow needs a spec with its templates")
	}
	return nil
}

func checkMetadata(meta map[string]any) error {
	for _, key := range []string{"name", "generateName", "namespace"} {
		if _, err := lookupString(meta, key, "metadata."+key); err != nil {
			return err
		}
	}
	labels, err := lookupObject(meta, "labels", "metadata.labels")
	if err != nil {
		return err
	}
	for key, value := range labels {
		if _, ok := value.(string); !ok {
			return fmt.Errorf("metadata.labels.%s must be a string, not %s (quote it)", key, describe(value))
		}
	}
	return nil
}

// resolveNamespace follows kubectl: an object's own namespace is kept unless
// the user explicitly asked for another one, which is then a conflict. The
// target namespace is set when the object has none.
func resolveNamespace(meta map[string]any, opts Options) error {
	namespace, _ := meta["namespace"].(string)
	switch {
	case namespace == "":
		if opts.Namespace == "" {
			return nil
		}
		meta["namespace"] = opts.Namespace
		namespace = opts.Namespace
	case opts.NamespaceExplicit && namespace != opts.Namespace:
		return fmt.Errorf("the namespace from the provided object %q does not match the namespace %q. "+
			"You must pass '--namespace=%s' to perform this operation.", namespace, opts.Namespace, namespace)
	}
	if problems := content.IsDNS1123Label(namespace); len(problems) > 0 {
		return fmt.Errorf("invalid namespace %q: %s", namespace, strings.Join(problems, "; "))
	}
	return nil
}

// checkName requires a name or a generateName, and a name the server will
// accept, so that a bad name fails before any workflow is submitted.
func checkName(meta map[string]any) error {
	name, _ := meta["name"].(string)
	generateName, _ := meta["generateName"].(string)
	if name == "" && generateName == "" {
		return errors.New("the workflow has neither metadata.name nor metadata.generateName: set one, or pass --name or --generate-name")
	}
	if name == "" {
		return nil
	}
	if problems := content.IsDNS1123Subdomain(name); len(problems) > 0 {
		return fmt.Errorf("invalid workflow name %q: %s", name, strings.Join(problems, "; "))
	}
	return nil
}
