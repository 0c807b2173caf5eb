package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// 200 workflows, 8 at a time, through a proxy that resets or drops one connection in ten (a workflow
// would need all of its 5 attempts to hit a fault to fail: about 1 in 10^5): each
// is created exactly once, as the Kubernetes API shows. "Connection: close" makes every request
// open its own connection, so the faults hit many requests.
func TestParallelSubmissionExactlyOnceUnderFaults(t *testing.T) {
	const count = 200
	ns, e := submitter(t)
	proxy := startFaultProxy(t, cluster.ArgoServer, 20)
	e["ARGO_SERVER"] = proxy.addr()
	docs := make([]string, count)
	for i := range docs {
		docs[i] = helloWorkflow
	}
	r := submit(t, e, strings.Join(docs, "---\n"), "-f", "-", "--parallel", "8", "--argo-header", "Connection: close")
	t.Logf("%d connections, %d reset after the request, %d dropped before it", proxy.conns.Load(), proxy.resets.Load(), proxy.drops.Load())
	wantSubmitted(t, r, ns, count)
	r.WantStderr(t, fmt.Sprintf("%d submitted, 0 failed", count))
	ids := map[string]int{}
	for _, wf := range workflows(t, ns) {
		ids[wf.Metadata.Labels["kubectl-argo-submit.io/submission-id"]]++
	}
	if len(ids) != count {
		t.Errorf("%d distinct submission ids among %d workflows, want %d: %v", len(ids), count, count, ids)
	}
	if proxy.resets.Load() == 0 || proxy.drops.Load() == 0 {
		t.Error("the proxy injected no fault of one kind: the test proves nothing")
	}
}
