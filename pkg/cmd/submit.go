package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/submit"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/workflow"
)

// SubmitOptions is `kubectl argo-submit`: read and change the workflows, resolve a token, submit.
type SubmitOptions struct {
	kube          *kubeAccess
	argoFlags     *ArgoFlags
	workflowFlags *WorkflowFlags
	outputFlags   *OutputFlags
	followFlags   *FollowFlags
	batchFlags    *BatchFlags
	dryRunValue   string
	serverDryRun  bool
	from          string
	genericiooptions.IOStreams

	// Set by Complete.
	flags         *pflag.FlagSet
	dryRun        dryRunMode
	objects       []*unstructured.Unstructured // the prepared workflows (none with --from)
	submissions   []submission
	argoConfig    argo.Config
	tokenSettings token.Settings
	printer       resultPrinter
}

func newSubmitOptions(kube *kubeAccess, streams genericiooptions.IOStreams) *SubmitOptions {
	return &SubmitOptions{
		kube:          kube,
		argoFlags:     NewArgoFlags(),
		workflowFlags: &WorkflowFlags{},
		followFlags:   &FollowFlags{},
		batchFlags:    &BatchFlags{},
		outputFlags:   NewOutputFlags("submitted"),
		IOStreams:     streams,
	}
}

func (o *SubmitOptions) addFlags(cmd *cobra.Command) {
	fs := cmd.Flags()
	o.workflowFlags.AddFlags(fs)
	fs.StringVar(&o.from, "from", "", "Submit from a template instead of files: workflowtemplate/NAME (wftmpl), clusterworkflowtemplate/NAME (cwftmpl) or cronworkflow/NAME (cronwf)")
	o.followFlags.AddFlags(fs)
	o.batchFlags.AddFlags(fs)
	o.argoFlags.AddFlags(fs)
	addDryRunFlags(fs, &o.dryRunValue, &o.serverDryRun)
	o.outputFlags.AddFlags(cmd)
}

// Complete reads every input and computes the workflows to submit; it makes no network call.
func (o *SubmitOptions) Complete(cmd *cobra.Command, args []string) error {
	o.flags = cmd.Flags()
	var err error
	if o.dryRun, err = parseDryRun(o.dryRunValue, o.serverDryRun); err != nil {
		return err
	}
	paths := append(append([]string{}, args...), o.workflowFlags.Filenames...)
	if err := o.checkSources(paths); err != nil {
		return err
	}
	if o.printer, err = newResultPrinter(o.outputFlags, o.dryRun.operationTemplate(), o.Out); err != nil {
		return err
	}
	if o.argoConfig, err = o.kube.contextArgoConfig(o.argoFlags, o.flags); err != nil {
		return err
	}
	namespace, explicit, err := o.kube.submissionNamespace()
	if err != nil {
		return err
	}
	if o.tokenSettings, err = o.kube.tokenFlags.ToSettings(o.flags, o.kube.getenv, namespace); err != nil {
		return err
	}
	if o.from != "" {
		return o.prepareFrom(namespace, explicit)
	}
	return o.prepareWorkflows(paths, namespace, explicit)
}

// checkSources: workflows come from files or from --from, never both.
func (o *SubmitOptions) checkSources(paths []string) error {
	if o.from == "" {
		return checkInputs(paths, o.workflowFlags.ParameterFile)
	}
	switch {
	case len(paths) > 0:
		return usageErrorf("--from submits a template, so workflow files (%s) cannot be given too: choose one", strings.Join(paths, ", "))
	case o.dryRun == dryRunClient:
		return usageErrorf("--dry-run=client cannot show a workflow made from a template on the server: use --dry-run=server")
	}
	return nil
}

// prepareFrom checks --from and the options it carries; the server makes the workflow.
func (o *SubmitOptions) prepareFrom(namespace string, explicit bool) error {
	ref, refErr := parseTemplateRef(o.from)
	opts, optsErr := o.workflowOptions(namespace, explicit)
	if err := errors.Join(refErr, optsErr); err != nil {
		return err
	}
	o.submissions = []submission{fromSubmission(ref, namespace, fromSubmitOptions(opts))}
	return nil
}

// prepareWorkflows reports every problem of the inputs and the options at once.
func (o *SubmitOptions) prepareWorkflows(paths []string, namespace string, explicit bool) error {
	docs, readErr := readWorkflows(o.In, paths, o.workflowFlags.Recursive)
	opts, optsErr := o.workflowOptions(namespace, explicit)
	if readErr != nil {
		return errors.Join(readErr, optsErr)
	}
	objects, prepareErr := workflow.Prepare(docs, opts)
	if err := errors.Join(optsErr, prepareErr); err != nil {
		return err
	}
	o.objects = objects
	for i, obj := range objects {
		item, err := o.newItem(obj, i)
		if err != nil {
			return err
		}
		o.submissions = append(o.submissions, createSubmission(docs[i].Where(), obj, item))
	}
	return nil
}

// newItem names and labels a workflow that will be created for real; dry runs show it unchanged.
func (o *SubmitOptions) newItem(wf *unstructured.Unstructured, index int) (*submit.Item, error) {
	if o.dryRun != dryRunNone {
		return nil, nil
	}
	return submit.NewItem(wf, o.batchFlags.identity(), index)
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
	if err := o.followFlags.validate(o.flags, o.dryRun, len(o.submissions)); err != nil {
		return err
	}
	if err := o.batchFlags.validate(o.from != ""); err != nil {
		return err
	}
	if o.dryRun == dryRunClient {
		return nil
	}
	if o.argoConfig.Server == "" {
		return o.kube.noServerError()
	}
	return o.tokenSettings.Validate()
}

// Run submits the workflows in input order and follows them when asked; a client dry run only prints them.
func (o *SubmitOptions) Run(ctx context.Context) error {
	defer o.printer.Flush()
	if o.dryRun == dryRunClient {
		return o.printAll(o.objects)
	}
	creds := o.kube.credentials(o.tokenSettings)
	client, err := argo.NewClient(o.argoConfig, creds)
	if err != nil {
		return err
	}
	// Resolve before the first submission, so that a token problem is reported as one.
	if _, err := creds.Token(ctx); err != nil {
		return err
	}
	created, submitErr := o.submitAll(ctx, client)
	if !o.followFlags.following() || len(created) == 0 {
		return submitErr
	}
	o.printer.Flush()
	return errors.Join(submitErr, o.follow(ctx, client, created))
}

func (o *SubmitOptions) printAll(objects []*unstructured.Unstructured) error {
	for _, obj := range objects {
		if err := o.printer.Print(obj); err != nil {
			return err
		}
	}
	return nil
}

// submitAll submits up to --parallel workflows at once and prints each in input order. It goes on
// past a workflow the server refuses (409, 400) but starts no more after an error that would fail
// every other submission too (auth, unreachable server, cancellation). It returns what exists now.
func (o *SubmitOptions) submitAll(ctx context.Context, client *argo.Client) ([]*unstructured.Unstructured, error) {
	report := &batchReport{total: len(o.submissions)}
	b := &batch{client: client, serverDryRun: o.dryRun == dryRunServer, policy: submit.Policy{Throttle: &submit.Throttle{}}}
	started := submit.Ordered(ctx, len(o.submissions), o.batchFlags.Parallel, func(ctx context.Context, i int) (submitOutcome, bool) {
		result, err := o.submissions[i].submit(ctx, b)
		if err != nil {
			err = fmt.Errorf("%s: %w", o.submissions[i].where, err)
		}
		return submitOutcome{result: result, err: err}, err != nil && stopsAll(ctx, err)
	}, func(i int, out submitOutcome) { o.emit(report, o.submissions[i].where, out) })
	for _, sub := range o.submissions[started:] {
		report.notStarted = append(report.notStarted, sub.where)
	}
	report.print(o.ErrOut)
	return report.created, report.err()
}

// emit prints one outcome: the workflow on stdout, or (in a batch) the error on stderr at once.
func (o *SubmitOptions) emit(report *batchReport, where string, out submitOutcome) {
	if out.err != nil {
		if report.total > 1 {
			fmt.Fprintf(o.ErrOut, "error: %v\n", out.err)
		}
		report.failed = append(report.failed, failure{where: where, err: out.err})
		return
	}
	report.add(out.result)
	var err error
	if out.result.Already && o.outputFlags.Format == "" {
		_, err = fmt.Fprintf(o.Out, "workflow.argoproj.io/%s already submitted\n", out.result.Workflow.GetName())
	} else {
		err = o.printer.Print(out.result.Workflow)
	}
	if err != nil && report.printErr == nil {
		report.printErr = err
	}
}

func stopsAll(ctx context.Context, err error) bool {
	code := ExitCode(err)
	return ctx.Err() != nil || code == ExitAuth || code == ExitUnreachable
}

// reportedError has printed its parts already; the command prints only its summary.
type reportedError struct {
	summary string
	err     error
}

func (e *reportedError) Error() string { return e.summary }
func (e *reportedError) Unwrap() error { return e.err }
