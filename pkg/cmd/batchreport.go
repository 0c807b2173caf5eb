package cmd

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/submit"
)

// submitOutcome is what one submission came to.
type submitOutcome struct {
	result submit.Result
	err    error
}

type failure struct {
	where string
	err   error
}

// batchReport collects a batch's outcomes, so that the end can say exactly what was and was not submitted.
type batchReport struct {
	total      int
	created    []*unstructured.Unstructured // submitted now or before (already), for --wait
	submitted  int
	already    []string // names of workflows an earlier run with the same key created
	failed     []failure
	notStarted []string // inputs never sent, after an error stopped the batch
	printErr   error
}

func (r *batchReport) add(result submit.Result) {
	r.created = append(r.created, result.Workflow)
	if result.Already {
		r.already = append(r.already, result.Workflow.GetName())
		return
	}
	r.submitted++
}

// print writes the summary on stderr for a batch, or for any failure; a lone success needs none.
func (r *batchReport) print(w io.Writer) {
	if r.total == 1 && len(r.failed) == 0 {
		return
	}
	if r.total == 1 && len(r.notStarted) == 0 {
		return // the one error is the command's error
	}
	fmt.Fprintln(w, r.headline())
	for _, f := range r.failed {
		fmt.Fprintf(w, "  failed: %s\n", oneLine(f.err))
	}
	for _, where := range r.notStarted {
		fmt.Fprintf(w, "  not submitted: %s\n", where)
	}
}

// headline is "N submitted, M failed", with what else happened.
func (r *batchReport) headline() string {
	parts := []string{fmt.Sprintf("%d submitted", r.submitted), fmt.Sprintf("%d failed", len(r.failed))}
	if len(r.already) > 0 {
		parts = append(parts, fmt.Sprintf("%d already submitted", len(r.already)))
	}
	if len(r.notStarted) > 0 {
		parts = append(parts, fmt.Sprintf("%d not submitted (stopped after an error)", len(r.notStarted)))
	}
	return strings.Join(parts, ", ")
}

// err is the command's error: nil when everything exists now; the errors, already printed, otherwise.
func (r *batchReport) err() error {
	var errs []error
	for _, f := range r.failed {
		errs = append(errs, f.err)
	}
	if r.printErr != nil {
		errs = append(errs, r.printErr)
	}
	if len(errs) == 0 {
		return nil
	}
	if r.total == 1 {
		return errors.Join(errs...)
	}
	missing := len(r.failed) + len(r.notStarted)
	return &reportedError{summary: fmt.Sprintf("%d of %d workflows were not submitted (errors above)", missing, r.total), err: errors.Join(errs...)}
}

// oneLine keeps each summary entry on one line; multi-line errors are shown whole above.
func oneLine(err error) string {
	text, _, _ := strings.Cut(err.Error(), "\n")
	return text
}
