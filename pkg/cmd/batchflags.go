package cmd

import (
	"github.com/spf13/pflag"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/submit"
)

// defaultParallel keeps a batch quick without flooding the Argo Server; all workers share one client.
const defaultParallel = 8

// BatchFlags say how a batch of workflows is submitted.
type BatchFlags struct {
	Parallel       int
	IdempotencyKey string
}

// AddFlags binds the flags to fs.
func (f *BatchFlags) AddFlags(fs *pflag.FlagSet) {
	fs.IntVar(&f.Parallel, "parallel", defaultParallel, "Submit up to this many workflows at once (1: one after another); output stays in input order")
	fs.StringVar(&f.IdempotencyKey, "idempotency-key", f.IdempotencyKey, "Derive names and submission ids from this key and each input's position, so that rerunning the same command submits only what is missing")
}

// validate rejects what cannot work, before anything is sent.
func (f *BatchFlags) validate(fromTemplate bool) error {
	switch {
	case f.Parallel < 1:
		return usageErrorf("--parallel %d: give 1 or more (1 submits one after another)", f.Parallel)
	case f.IdempotencyKey != "" && fromTemplate:
		return usageErrorf("--idempotency-key names workflows on the client, and --from lets the server name them: drop one")
	}
	return nil
}

func (f *BatchFlags) identity() submit.Identity { return submit.Identity{Key: f.IdempotencyKey} }
