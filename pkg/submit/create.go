package submit

import (
	"context"
	"errors"
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
)

// Client is what Create needs of the Argo Server: *argo.Client, or a fake in tests.
type Client interface {
	CreateWorkflow(ctx context.Context, namespace string, wf *unstructured.Unstructured, serverDryRun bool) (*unstructured.Unstructured, error)
	GetWorkflow(ctx context.Context, namespace, name string) (*unstructured.Unstructured, error)
}

// Result is a workflow that exists now.
type Result struct {
	Workflow *unstructured.Unstructured
	// Already: the workflow was found, created by an earlier run with the same idempotency key.
	Already  bool
	Attempts int // creates sent, renames included
}

// Create sends item until it exists exactly once, a permanent failure, or the attempts run out.
func Create(ctx context.Context, client Client, item *Item, policy Policy) (Result, error) {
	c := creation{client: client, item: item, policy: policy.withDefaults()}
	return c.run(ctx)
}

// creation is the state of one Create.
type creation struct {
	client    Client
	item      *Item
	policy    Policy
	attempts  int // creates sent
	throttles int // of which refused with 429
	renames   int
	ambiguous bool // an earlier attempt may have created the workflow
}

func (c *creation) run(ctx context.Context) (Result, error) {
	for {
		if err := c.policy.holdOff(ctx); err != nil {
			return Result{Attempts: c.attempts}, err
		}
		c.attempts++
		wf := c.item.Workflow
		created, err := c.client.CreateWorkflow(ctx, wf.GetNamespace(), wf, false)
		if err == nil {
			return Result{Workflow: created, Attempts: c.attempts}, nil
		}
		class := Classify(err)
		if class == Conflict {
			if result, done, cerr := c.conflict(ctx, err); done {
				return result, cerr
			}
			continue
		}
		if isThrottle(err) {
			if c.throttles >= c.policy.Throttles {
				return Result{Attempts: c.attempts}, c.giveUp(err, class)
			}
			c.throttles++
			c.policy.throttled(c.throttles, retryAfter(err))
			continue
		}
		if class == Permanent || c.retried() >= c.policy.Attempts {
			return Result{Attempts: c.attempts}, c.giveUp(err, class)
		}
		c.ambiguous = c.ambiguous || class == Ambiguous
		if err := c.policy.wait(ctx, c.retried(), retryAfter(err)); err != nil {
			return Result{Attempts: c.attempts}, err
		}
	}
}

// retried counts the creates that use up Attempts: all but those refused with 429.
func (c *creation) retried() int { return c.attempts - c.throttles }

// conflict handles a 409: ours → done; another's → rename and go on (done=false) when the name is
// ours to choose and attempts remain; otherwise the 409 is the answer.
func (c *creation) conflict(ctx context.Context, conflictErr error) (Result, bool, error) {
	if c.ambiguous || c.item.Keyed {
		existing, ours, err := c.lookup(ctx)
		if err != nil {
			return Result{Attempts: c.attempts}, true, err
		}
		if ours {
			// Without an ambiguous attempt in this run, it was an earlier run that created it.
			return Result{Workflow: existing, Already: !c.ambiguous, Attempts: c.attempts}, true, nil
		}
	}
	if !c.item.ClientNamed() || c.retried() >= c.policy.Attempts {
		return Result{Attempts: c.attempts}, true, conflictErr
	}
	c.renames++
	if err := c.item.setName(c.renames); err != nil {
		return Result{Attempts: c.attempts}, true, err
	}
	return Result{}, false, nil
}

// lookup reads the workflow holding our name and says whether it carries our submission id.
func (c *creation) lookup(ctx context.Context) (*unstructured.Unstructured, bool, error) {
	wf := c.item.Workflow
	existing, err := c.get(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("the name %q is taken and checking whose workflow it is failed: %w", wf.GetName(), err)
	}
	return existing, existing.GetLabels()[SubmissionIDLabel] == c.item.ID, nil
}

// get reads the workflow holding our name; a read is safe to repeat, so every transient failure is retried.
func (c *creation) get(ctx context.Context) (*unstructured.Unstructured, error) {
	wf := c.item.Workflow
	for attempt := 1; ; attempt++ {
		existing, err := c.client.GetWorkflow(ctx, wf.GetNamespace(), wf.GetName())
		class := Classify(err)
		if err == nil || attempt >= c.policy.Attempts || (class != Ambiguous && class != NotSent) {
			return existing, err
		}
		if err := c.policy.wait(ctx, attempt, retryAfter(err)); err != nil {
			return nil, err
		}
	}
}

// giveUp says how many attempts a retried failure had, and that the workflow may exist after all.
func (c *creation) giveUp(err error, class Class) error {
	if c.attempts == 1 {
		return err
	}
	if c.ambiguous || class == Ambiguous {
		return &RetriesExhaustedError{Attempts: c.attempts, Name: c.item.Workflow.GetName(), MayExist: true, Err: err}
	}
	return &RetriesExhaustedError{Attempts: c.attempts, Name: c.item.Workflow.GetName(), Err: err}
}

// retryAfter is the server's requested delay, if it sent one.
func retryAfter(err error) time.Duration {
	var apiErr *argo.APIError
	if errors.As(err, &apiErr) {
		return apiErr.RetryAfter
	}
	return 0
}

// RetriesExhaustedError is the last failure after every attempt was used.
type RetriesExhaustedError struct {
	Attempts int
	Name     string
	MayExist bool // an attempt may have been processed: the workflow may exist under Name
	Err      error
}

func (e *RetriesExhaustedError) Error() string {
	text := fmt.Sprintf("%v (after %d attempts)", e.Err, e.Attempts)
	if e.MayExist {
		text += fmt.Sprintf("; the workflow may have been created as %q: check before resubmitting, or rerun with the same --idempotency-key", e.Name)
	}
	return text
}

func (e *RetriesExhaustedError) Unwrap() error { return e.Err }
