package workflow

import (
	"errors"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// inputErrors flattens an errors.Join result, failing the test if any part
// is not an *InputError: every input problem must make the command exit 2.
func inputErrors(t testing.TB, err error) []*InputError {
	t.Helper()
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var all []*InputError
		for _, part := range joined.Unwrap() {
			all = append(all, inputErrors(t, part)...)
		}
		return all
	}
	var inputErr *InputError
	if !errors.As(err, &inputErr) {
		t.Fatalf("error %q (%T) is not an *InputError", err, err)
	}
	return []*InputError{inputErr}
}

// wantErrors checks that err holds exactly one *InputError per wanted
// message fragment, in order.
func wantErrors(t *testing.T, err error, fragments ...string) {
	t.Helper()
	got := inputErrors(t, err)
	if len(got) != len(fragments) {
		t.Fatalf("got %d errors %v, want %d: %q", len(got), err, len(fragments), fragments)
	}
	for i, fragment := range fragments {
		if !strings.Contains(got[i].Error(), fragment) {
			t.Errorf("error %d = %q, want it to contain %q", i+1, got[i].Error(), fragment)
		}
	}
}

// mustDecode decodes test input that is expected to be valid.
func mustDecode(t *testing.T, source, data string) []Document {
	t.Helper()
	docs, err := Decode(source, []byte(data))
	if err != nil {
		t.Fatalf("Decode(%s): %v", source, err)
	}
	return docs
}

// field reads a nested field of an object, or nil when it is absent.
func field(object *unstructured.Unstructured, path ...string) any {
	value, _, _ := unstructured.NestedFieldNoCopy(object.Object, path...)
	return value
}

// workflowYAML is a minimal valid workflow named name, with extra YAML lines
// appended under metadata and spec when given.
func workflowYAML(name, extraMetadata, extraSpec string) string {
	return "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: " + name + "\n" + extraMetadata +
		"spec:\n  entrypoint: main\n  templates:\n  - name: main\n    container: {image: busybox}\n" + extraSpec
}
