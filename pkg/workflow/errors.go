package workflow

import (
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// stdinSource is how the user names standard input on the command line.
const stdinSource = "-"

// Document is one workflow read from an input.
type Document struct {
	Source string // file path as the user gave it, or "-" for standard input
	// Index is the 1-based position of the object within Source. Every YAML
	// document counts, empty ones included, so the number matches the `---`
	// separators a user counts in an editor; a `kind: List` counts as its items.
	Index  int
	Object *unstructured.Unstructured
}

// Where names the document for messages: `wf.yaml (document 2)`, `standard input (document 1)`.
func (d Document) Where() string {
	return fmt.Sprintf("%s (document %d)", sourceName(d.Source), d.Index)
}

// InputError is invalid input: the command exits 2 and submits nothing.
type InputError struct {
	Source string // "" when not tied to a file
	Index  int    // 0 when not tied to one document
	Err    error
}

// Error prefixes the problem with where it is: "wf.yaml (document 2): <problem>".
func (e *InputError) Error() string {
	problem := "invalid input"
	if e.Err != nil {
		problem = e.Err.Error()
	}
	switch {
	case e.Source == "":
		return problem
	case e.Index == 0:
		return sourceName(e.Source) + ": " + problem
	default:
		return Document{Source: e.Source, Index: e.Index}.Where() + ": " + problem
	}
}

// Unwrap exposes the underlying problem to errors.Is and errors.As.
func (e *InputError) Unwrap() error { return e.Err }

// sourceName spells out "-" because "- (document 1)" reads badly.
func sourceName(source string) string {
	if source == stdinSource {
		return "standard input"
	}
	return source
}
