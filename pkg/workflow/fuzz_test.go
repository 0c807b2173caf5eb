package workflow

import (
	"reflect"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// fuzzOptions are a few option sets that exercise every transform.
func fuzzOptions() []Options {
	return []Options{
		{},
		{Namespace: "default"},
		{
			Parameters:        []Parameter{{"message", "hi"}, {"new", ""}},
			Entrypoint:        "main",
			GenerateName:      "fuzz-",
			Labels:            map[string]string{"app": "fuzz"},
			ServiceAccount:    "runner",
			Priority:          int32Ptr(3),
			Namespace:         "team-a",
			NamespaceExplicit: true,
		},
		{Name: "fixed", Namespace: "default"},
	}
}

// FuzzDecodePrepare checks that no input makes Decode or Prepare panic, that
// every error is an *InputError, that Prepare leaves its input alone, and that
// whatever Prepare accepts is a Workflow the server can name.
func FuzzDecodePrepare(f *testing.F) {
	f.Add([]byte(workflowYAML("seed", "", "")))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := Decode("fuzz.yaml", data)
		inputErrors(t, err)
		before := make([]*unstructured.Unstructured, len(docs))
		for i, doc := range docs {
			before[i] = doc.Object.DeepCopy()
		}
		for _, opts := range fuzzOptions() {
			objects, err := Prepare(docs, opts)
			inputErrors(t, err)
			for _, object := range objects {
				checkSubmittable(t, object)
			}
		}
		for i, doc := range docs {
			if !reflect.DeepEqual(doc.Object.Object, before[i].Object) {
				t.Fatalf("Prepare modified document %d", doc.Index)
			}
		}
	})
}

func checkSubmittable(t *testing.T, object *unstructured.Unstructured) {
	t.Helper()
	if object.GetAPIVersion() != workflowAPIVersion || object.GetKind() != workflowKind {
		t.Fatalf("accepted %s %s", object.GetAPIVersion(), object.GetKind())
	}
	if object.GetName() == "" && object.GetGenerateName() == "" {
		t.Fatalf("accepted a workflow without name or generateName: %v", object.Object)
	}
}
