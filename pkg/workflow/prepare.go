package workflow

import (
	"errors"
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Options are the argo-submit changes applied to every workflow.
type Options struct {
	Parameters     []Parameter       // replace same-named spec.arguments.parameters (value set, valueFrom dropped), append new ones
	Entrypoint     string            // spec.entrypoint
	Name           string            // metadata.name
	GenerateName   string            // metadata.generateName; without Name it also drops the document's metadata.name
	Labels         map[string]string // merged into metadata.labels (flag wins)
	ServiceAccount string            // spec.serviceAccountName (the workflow pods' identity)
	Priority       *int32            // spec.priority

	Namespace         string // the resolved target namespace
	NamespaceExplicit bool   // Namespace came from -n or ARGO_NAMESPACE
}

// Prepare validates every document and applies opts to a deep copy of each,
// returning the objects to submit in input order. It reports all problems at
// once (errors.Join of *InputError) and returns no object when there is any,
// so nothing is submitted when one input is invalid.
func Prepare(docs []Document, opts Options) ([]*unstructured.Unstructured, error) {
	if len(docs) == 0 {
		return nil, &InputError{Err: errors.New("no workflow to submit")}
	}
	var errs []error
	objects := make([]*unstructured.Unstructured, 0, len(docs))
	firstByName := map[string]Document{}
	for _, doc := range docs {
		object, problems := prepareOne(doc, opts)
		if len(problems) == 0 {
			problems = checkUnique(firstByName, doc, object.Object, opts)
		}
		for _, problem := range problems {
			errs = append(errs, &InputError{Source: doc.Source, Index: doc.Index, Err: problem})
		}
		objects = append(objects, object)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return objects, nil
}

// prepareOne checks and changes a copy of one document. Kind and shape
// problems stop it; namespace and name problems are independent, so both are
// reported.
func prepareOne(doc Document, opts Options) (*unstructured.Unstructured, []error) {
	if doc.Object == nil {
		return nil, []error{errors.New("the document is empty")}
	}
	object := doc.Object.DeepCopy()
	if err := checkKind(object.Object); err != nil {
		return nil, []error{err}
	}
	if err := checkShape(object.Object); err != nil {
		return nil, []error{err}
	}
	if err := applyOptions(object.Object, opts); err != nil {
		return nil, []error{err}
	}
	meta := object.Object["metadata"].(map[string]any) // applyOptions ensured it
	var problems []error
	for _, err := range []error{resolveNamespace(meta, opts), checkName(meta)} {
		if err != nil {
			problems = append(problems, err)
		}
	}
	return object, problems
}

// checkUnique records the workflow's namespace/name, rejecting a second
// workflow with the same one: the server would refuse it after the first was
// already submitted. Workflows with only a generateName get unique names.
func checkUnique(firstByName map[string]Document, doc Document, wf map[string]any, opts Options) []error {
	meta := wf["metadata"].(map[string]any)
	name, _ := meta["name"].(string)
	if name == "" {
		return nil
	}
	namespace, _ := meta["namespace"].(string)
	key := name
	if namespace != "" {
		key = namespace + "/" + name
	}
	first, seen := firstByName[key]
	if !seen {
		firstByName[key] = doc
		return nil
	}
	hint := "give each workflow its own metadata.name, or use metadata.generateName or --generate-name"
	if opts.Name != "" {
		hint = "--name gives every workflow the same name: use --generate-name to submit several"
	}
	return []error{fmt.Errorf("workflow %q is also submitted by %s: %s", key, first.Where(), hint)}
}
