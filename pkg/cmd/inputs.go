package cmd

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/workflow"
)

// stdinName is how the user names standard input, as in kubectl.
const stdinName = "-"

// readWorkflows reads and decodes every input, reporting all unreadable or invalid files at once.
func readWorkflows(stdin io.Reader, paths []string, recursive bool) ([]workflow.Document, error) {
	files, err := expandDirectories(paths, recursive)
	var (
		docs []workflow.Document
		errs = []error{err}
	)
	for _, path := range files {
		data, err := readInput(stdin, path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		decoded, err := workflow.Decode(path, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, decoded...)
	}
	return docs, errors.Join(errs...)
}

func readInput(stdin io.Reader, path string) ([]byte, error) {
	var (
		data []byte
		err  error
	)
	if path == stdinName {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, &workflow.InputError{Source: path, Err: fmt.Errorf("cannot read the file: %w", err)}
	}
	return data, nil
}

// checkInputs rejects what cannot be read: no input at all, or standard input twice.
func checkInputs(paths []string, parameterFile string) error {
	if len(paths) == 0 {
		return usageErrorf("no workflow given: pass files as arguments or with -f/--filename (- for standard input)")
	}
	stdin := 0
	if parameterFile == stdinName {
		stdin++
	}
	for _, p := range paths {
		if p == stdinName {
			stdin++
		}
	}
	if stdin > 1 {
		return usageErrorf("standard input (-) can be read only once")
	}
	return nil
}

// readParameters merges --parameter-file with -p (flags win).
func readParameters(stdin io.Reader, flags *WorkflowFlags) ([]workflow.Parameter, error) {
	fromFlags, err := workflow.ParseParameters(flags.Parameters)
	if err != nil {
		return nil, err
	}
	if flags.ParameterFile == "" {
		return fromFlags, nil
	}
	data, err := readInput(stdin, flags.ParameterFile)
	if err != nil {
		return nil, err
	}
	fromFile, err := workflow.ParseParameterFile(flags.ParameterFile, data)
	if err != nil {
		return nil, err
	}
	return workflow.MergeParameters(fromFile, fromFlags), nil
}
