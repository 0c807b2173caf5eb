package cmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/cli-runtime/pkg/genericiooptions"
	"k8s.io/klog/v2"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/redact"
)

const submitExamples = `  # Submit with a fresh token of service account "ci" (TokenRequest)
  kubectl argo-submit -f hello.yaml --argo-server argo.example.com:2746 --token-service-account ci

  # Several files, a parameter, names only
  kubectl argo-submit wf1.yaml wf2.yaml -n team-a -p message=hi -o name

  # Let the Argo Server validate a workflow from standard input, nothing persists
  cat wf.yaml | kubectl argo-submit -f - --dry-run=server -o yaml

  # In CI with a token and no kubeconfig
  ARGO_SERVER=localhost:2746 ARGO_TOKEN="Bearer v2:…" kubectl argo-submit -f wf.yaml -n argo

  # Print the Authorization value, like 'argo auth token'
  kubectl argo-submit token --token-service-account ci`

const exitCodesHelp = `Exit codes: 0 submitted; 1 the Argo Server refused a workflow, or another runtime error;
2 usage or invalid input (nothing submitted); 3 authentication or authorization (no token, 401, 403);
4 Argo Server (or Kubernetes API) unreachable, or TLS failure.`

// Execute runs the command line and returns the process exit code; main stays tiny.
func Execute(ctx context.Context, args []string, streams genericiooptions.IOStreams, getenv Getenv, build BuildInfo) int {
	redactor := redact.NewFilter()
	klog.SetLogFilter(redactor)
	defer klog.Flush()
	if isCompletionRequest(args) {
		defer silenceKlog()()
	}
	root := NewRootCommand(streams, getenv, build, redactor)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil {
		printError(streams, err)
	}
	return ExitCode(err)
}

// printError prints one "error: " line per joined error, kubectl style; a reportedError's parts
// were printed as they happened, so only its summary is.
func printError(streams genericiooptions.IOStreams, err error) {
	var reported *reportedError
	if errors.As(err, &reported) {
		err = errors.New(reported.summary)
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range joined.Unwrap() {
			printError(streams, e)
		}
		return
	}
	fmt.Fprintf(streams.ErrOut, "error: %s\n", err)
}

// NewRootCommand wires `kubectl argo-submit` and its subcommands. redactor masks secrets in every log line.
func NewRootCommand(streams genericiooptions.IOStreams, getenv Getenv, build BuildInfo, redactor *redact.Filter) *cobra.Command {
	kube := &kubeAccess{
		configFlags: genericclioptions.NewConfigFlags(true),
		tokenFlags:  NewTokenFlags(),
		getenv:      getenv,
		redactor:    redactor,
		userAgent:   build.userAgent(),
	}
	kube.tokenFlags.context = kube
	o := newSubmitOptions(kube, streams)
	cmd := &cobra.Command{
		// Named as the executable, which the completion scripts must name; help shows the display name.
		Use:   "kubectl-argo_submit [FILE...] [flags]",
		Short: "Submit Argo Workflows with a token resolved from your kubeconfig",
		Long: `Submit Argo Workflows to the Argo Server of the current kube context. The Argo token is the one given
(--argo-token, ARGO_TOKEN), a fresh TokenRequest or the token Secret of --token-service-account, or the
kubeconfig's own credentials; it is never printed. The Argo Server, token source and namespace can be
stored for each kube context with 'kubectl argo-submit config set': flags > ARGO_* variables > the
context's settings > defaults.

` + exitCodesHelp,
		Example:       submitExamples,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		Annotations:   map[string]string{cobra.CommandDisplayNameAnnotation: "kubectl argo-submit"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := o.Complete(cmd, args); err != nil {
				return err
			}
			if err := o.Validate(); err != nil {
				return err
			}
			return o.Run(cmd.Context())
		},
	}
	cmd.SetIn(streams.In)
	cmd.SetOut(streams.Out)
	cmd.SetErr(streams.ErrOut)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{Err: err} })
	persistent := cmd.PersistentFlags()
	kube.configFlags.AddFlags(persistent)
	kube.tokenFlags.AddFlags(persistent)
	addTokenCacheFlags(persistent, kube)
	addLogFlags(persistent)
	o.addFlags(cmd)
	completer := newCompleter(kube)
	cmd.AddCommand(newTokenCommand(kube, streams), newVersionCommand(kube, build, streams), newConfigCommand(kube, streams, completer))
	setUpCompletion(cmd, completer)
	return cmd
}
