package e2e

import (
	"context"
	"strings"
	"testing"
)

// The Argo Server dies halfway through a batch: the report names exactly what was submitted, and
// rerunning the same command with the same --idempotency-key submits only the rest.
func TestRerunAfterArgoServerDiedHalfway(t *testing.T) {
	const count = 300
	ns, e := submitter(t)
	docs := make([]string, count)
	for i := range docs {
		docs[i] = helloWorkflow
	}
	stdin := strings.Join(docs, "---\n")
	args := []string{"-f", "-", "--parallel", "1", "--idempotency-key", "ci-run-42"}

	running, _ := startSubmitMany(t, e, ns, stdin, -1, args...)
	waitFor(t, "a third of the batch", func() bool { return len(workflows(t, ns)) >= count/3 })
	cluster.StopArgoServer()
	first := finish(t, running)
	if err := cluster.StartArgoServer(context.Background()); err != nil {
		t.Fatalf("restarting the Argo Server: %v", err)
	}
	first.WantCode(t, 4)
	created := len(workflows(t, ns))
	printed := strings.Count(first.Stdout, " submitted\n")
	if printed != created && printed != created-1 { // the request in flight at the kill may have been created unseen
		t.Fatalf("the first run printed %d submitted, %d exist", printed, created)
	}
	first.WantStderr(t, "not submitted")

	second := submit(t, e, stdin, args...)
	second.WantCode(t, 0)
	already := strings.Count(second.Stdout, " already submitted\n")
	fresh := strings.Count(second.Stdout, " submitted\n") - already
	if already != created || already+fresh != count {
		t.Errorf("rerun: %d already submitted, %d newly submitted; %d existed before, want %d in all", already, fresh, created, count)
	}
	ids := map[string]bool{}
	for _, wf := range workflows(t, ns) {
		ids[wf.Metadata.Labels["kubectl-argo-submit.io/submission-id"]] = true
	}
	if n := len(workflows(t, ns)); n != count || len(ids) != count {
		t.Errorf("%d workflows with %d distinct submission ids, want %d each", n, len(ids), count)
	}
}
