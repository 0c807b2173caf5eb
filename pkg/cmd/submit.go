package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/workflow"
)

// SubmitOptions is `kubectl argo-submit`: read and change the workflows, resolve a token, submit.
type SubmitOptions struct {
	kube          *kubeAccess
	argoFlags     *ArgoFlags
	workflowFlags *WorkflowFlags
	printFlags    *genericclioptions.PrintFlags
	dryRunValue   string
	serverDryRun  bool
	genericiooptions.IOStreams

	// Set by Complete.
	flags         *pflag.FlagSet
	dryRun        dryRunMode
	docs          []workflow.Document
	objects       []*unstructured.Unstructured
	argoConfig    argo.Config
	tokenSettings token.Settings
	printer       resultPrinter
}

func newSubmitOptions(kube *kubeAccess, streams genericiooptions.IOStreams) *SubmitOptions {
	return &SubmitOptions{
		kube:          kube,
		argoFlags:     NewArgoFlags(),
		workflowFlags: &WorkflowFlags{},
		printFlags:    genericclioptions.NewPrintFlags("submitted"),
		IOStreams:     streams,
	}
}

func (o *SubmitOptions) addFlags(cmd *cobra.Command) {
	fs := cmd.Flags()
	o.workflowFlags.AddFlags(fs)
	o.argoFlags.AddFlags(fs)
	addDryRunFlags(fs, &o.dryRunValue, &o.serverDryRun)
	o.printFlags.AddFlags(cmd)
	fs.Lookup("output").Usage = "Output format: name, json, yaml, wide, jsonpath=…, jsonpath-file=…, go-template=…, go-template-file=… (default: one 'workflow.argoproj.io/NAME submitted' line each)"
}

// Complete reads every input and computes the workflows to submit; it makes no network call.
func (o *SubmitOptions) Complete(cmd *cobra.Command, args []string) error {
	o.flags = cmd.Flags()
	var err error
	if o.dryRun, err = parseDryRun(o.dryRunValue, o.serverDryRun); err != nil {
		return err
	}
	paths := append(append([]string{}, args...), o.workflowFlags.Filenames...)
	if err := checkInputs(paths, o.workflowFlags.ParameterFile); err != nil {
		return err
	}
	if o.printer, err = newResultPrinter(o.printFlags, o.dryRun.operationTemplate(), o.Out); err != nil {
		return err
	}
	if o.argoConfig, err = o.kube.argoConfig(o.argoFlags, o.flags); err != nil {
		return err
	}
	namespace, explicit, err := o.kube.namespace()
	if err != nil {
		return err
	}
	if o.tokenSettings, err = o.kube.tokenFlags.ToSettings(o.flags, o.kube.getenv, namespace); err != nil {
		return err
	}
	return o.prepareWorkflows(paths, namespace, explicit)
}

// prepareWorkflows reports every problem of the inputs and the options at once.
func (o *SubmitOptions) prepareWorkflows(paths []string, namespace string, explicit bool) error {
	docs, readErr := readWorkflows(o.In, paths)
	opts, optsErr := o.workflowOptions(namespace, explicit)
	if readErr != nil {
		return errors.Join(readErr, optsErr)
	}
	objects, prepareErr := workflow.Prepare(docs, opts)
	if err := errors.Join(optsErr, prepareErr); err != nil {
		return err
	}
	o.docs, o.objects = docs, objects
	return nil
}

func (o *SubmitOptions) workflowOptions(namespace string, explicit bool) (workflow.Options, error) {
	f := o.workflowFlags
	params, paramErr := readParameters(o.In, f)
	labels, labelErr := workflow.ParseLabels(f.Labels)
	opts := workflow.Options{
		Parameters:        params,
		Entrypoint:        f.Entrypoint,
		Name:              f.Name,
		GenerateName:      f.GenerateName,
		Labels:            labels,
		ServiceAccount:    f.ServiceAccount,
		Namespace:         namespace,
		NamespaceExplicit: explicit,
	}
	if o.flags.Changed("priority") {
		opts.Priority = &f.Priority
	}
	return opts, errors.Join(paramErr, labelErr)
}

// Validate checks what the submission needs before anything is sent.
func (o *SubmitOptions) Validate() error {
	if o.dryRun == dryRunClient {
		return nil
	}
	if o.argoConfig.Server == "" {
		return usageErrorf("no Argo Server given: pass --argo-server HOST:PORT (or an https:// URL) or set ARGO_SERVER")
	}
	return o.tokenSettings.Validate()
}

// Run submits the workflows in input order; a client dry run only prints them.
func (o *SubmitOptions) Run(ctx context.Context) error {
	defer o.printer.Flush()
	if o.dryRun == dryRunClient {
		return o.printAll(o.objects)
	}
	creds := &resolvedCredentials{}
	client, err := argo.NewClient(o.argoConfig, creds)
	if err != nil {
		return err
	}
	if creds.token, err = o.kube.resolveToken(ctx, o.tokenSettings); err != nil {
		return err
	}
	return o.submitAll(ctx, client)
}

func (o *SubmitOptions) printAll(objects []*unstructured.Unstructured) error {
	for _, obj := range objects {
		if err := o.printer.Print(obj); err != nil {
			return err
		}
	}
	return nil
}

// submitAll goes on past a workflow the server refuses (409, 400) but stops at errors that would
// fail every other submission too (auth, unreachable server, cancellation).
func (o *SubmitOptions) submitAll(ctx context.Context, client *argo.Client) error {
	var failed []error
	for i, obj := range o.objects {
		created, err := client.CreateWorkflow(ctx, obj.GetNamespace(), obj, o.dryRun == dryRunServer)
		if err != nil {
			err = fmt.Errorf("%s: %w", o.docs[i].Where(), err)
			if stopsAll(ctx, err) {
				return withProgress(err, i-len(failed), len(o.objects)-i)
			}
			fmt.Fprintf(o.ErrOut, "error: %v\n", err)
			failed = append(failed, err)
			continue
		}
		if err := o.printer.Print(created); err != nil {
			return err
		}
	}
	if len(failed) > 0 {
		return &reportedError{summary: fmt.Sprintf("%d of %d workflows were not submitted (errors above)", len(failed), len(o.objects)), err: errors.Join(failed...)}
	}
	return nil
}

func stopsAll(ctx context.Context, err error) bool {
	code := ExitCode(err)
	return ctx.Err() != nil || code == ExitAuth || code == ExitUnreachable
}

// withProgress says, after a stop, what was and was not submitted, so nothing is lost silently.
func withProgress(err error, submitted, remaining int) error {
	if submitted == 0 && remaining == 1 {
		return err
	}
	return fmt.Errorf("%w\n%d workflows submitted before this error; %d not submitted", err, submitted, remaining)
}

// reportedError has printed its parts already; the command prints only its summary.
type reportedError struct {
	summary string
	err     error
}

func (e *reportedError) Error() string { return e.summary }
func (e *reportedError) Unwrap() error { return e.err }

// resolvedCredentials hands the resolved token to the Argo client for each request.
type resolvedCredentials struct{ token *token.Token }

func (c *resolvedCredentials) Authorization(context.Context) (string, error) {
	if c.token == nil {
		return "", errors.New("no token resolved yet")
	}
	return c.token.Authorization(), nil
}
