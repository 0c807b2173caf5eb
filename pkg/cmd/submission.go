package cmd

import (
	"context"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/submit"
)

// submission is one workflow to submit: a prepared object, or a template reference (--from).
type submission struct {
	where  string // names it in messages: "wf.yaml (document 2)", "workflowtemplate/build"
	submit func(ctx context.Context, b *batch) (submit.Result, error)
}

// batch is what the submissions of one run share.
type batch struct {
	client       *argo.Client
	serverDryRun bool
	policy       submit.Policy // with one Throttle: a 429 holds off every worker
}

// createSubmission sends wf once (a server dry run creates nothing, so needs no retry), or, with
// item, exactly once through pkg/submit's retries.
func createSubmission(where string, wf *unstructured.Unstructured, item *submit.Item) submission {
	return submission{where: where, submit: func(ctx context.Context, b *batch) (submit.Result, error) {
		if item == nil || b.serverDryRun {
			obj, err := b.client.CreateWorkflow(ctx, wf.GetNamespace(), wf, b.serverDryRun)
			return submit.Result{Workflow: obj, Attempts: 1}, err
		}
		return submit.Create(ctx, b.client, item, b.policy)
	}}
}

// fromSubmission asks the server to make the workflow; the server names it, so it is sent once.
func fromSubmission(ref templateRef, namespace string, opts argo.SubmitOptions) submission {
	return submission{where: ref.String(), submit: func(ctx context.Context, b *batch) (submit.Result, error) {
		opts.ServerDryRun = b.serverDryRun
		obj, err := b.client.SubmitFrom(ctx, namespace, ref.Kind, ref.Name, opts)
		return submit.Result{Workflow: obj, Attempts: 1}, err
	}}
}
