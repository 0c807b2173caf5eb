// Command kubectl-argo_submit is the kubectl plugin `kubectl argo-submit`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/cmd"
)

// Stamped by the Makefile with -ldflags -X.
var (
	version string
	commit  string
	date    string
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	streams := genericiooptions.IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	code := cmd.Execute(ctx, os.Args[1:], streams, os.Getenv, cmd.BuildInfo{Version: version, Commit: commit, Date: date})
	stop()
	os.Exit(code)
}
