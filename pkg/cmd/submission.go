package cmd

import (
	"context"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// submission is one workflow to submit: a prepared object, or a template reference (--from).
type submission struct {
	where  string // names it in messages: "wf.yaml (document 2)", "workflowtemplate/build"
	submit func(ctx context.Context, client *argo.Client, serverDryRun bool) (*unstructured.Unstructured, error)
}

func createSubmission(where string, wf *unstructured.Unstructured) submission {
	return submission{where: where, submit: func(ctx context.Context, client *argo.Client, serverDryRun bool) (*unstructured.Unstructured, error) {
		return client.CreateWorkflow(ctx, wf.GetNamespace(), wf, serverDryRun)
	}}
}

func fromSubmission(ref templateRef, namespace string, opts argo.SubmitOptions) submission {
	return submission{where: ref.String(), submit: func(ctx context.Context, client *argo.Client, serverDryRun bool) (*unstructured.Unstructured, error) {
		opts.ServerDryRun = serverDryRun
		return client.SubmitFrom(ctx, namespace, ref.Kind, ref.Name, opts)
	}}
}
