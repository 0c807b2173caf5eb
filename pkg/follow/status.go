package follow

import (
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Phases as Argo writes them in status.phase and status.nodes[].phase.
const (
	phasePending   = "Pending"
	phaseRunning   = "Running"
	phaseSucceeded = "Succeeded"
	phaseFailed    = "Failed"
	phaseError     = "Error"
	phaseSkipped   = "Skipped"
	phaseOmitted   = "Omitted"
)

// Node is one step/DAG task/pod node of status.nodes.
type Node struct {
	ID, Name, DisplayName, Type, Phase, Message, TemplateName, BoundaryID string
	Children                                                              []string
	StartedAt, FinishedAt                                                 time.Time
}

// Status is what the views show of a workflow, read from its object.
type Status struct {
	Ref
	Phase, Message, Progress         string // status.phase ("" reads as Pending), status.message, status.progress ("1/3")
	CreatedAt, StartedAt, FinishedAt time.Time
	ServiceAccount                   string          // spec.serviceAccountName
	Nodes                            map[string]Node // by node ID; nil when there are none
	ResourceVersion                  string
}

// StatusOf reads a workflow object. Missing or malformed fields read as empty: the controller fills
// status in over time, and a view must not fail on a half-written workflow.
func StatusOf(wf *unstructured.Unstructured) Status {
	if wf == nil {
		return Status{Phase: phasePending}
	}
	object := wf.Object
	return Status{
		Ref:             Ref{Namespace: wf.GetNamespace(), Name: wf.GetName()},
		Phase:           orPending(stringAt(object, "status", "phase")),
		Message:         stringAt(object, "status", "message"),
		Progress:        stringAt(object, "status", "progress"),
		CreatedAt:       timeAt(object, "metadata", "creationTimestamp"),
		StartedAt:       timeAt(object, "status", "startedAt"),
		FinishedAt:      timeAt(object, "status", "finishedAt"),
		ServiceAccount:  stringAt(object, "spec", "serviceAccountName"),
		Nodes:           nodesOf(object),
		ResourceVersion: wf.GetResourceVersion(),
	}
}

// Finished reports a phase the workflow never leaves.
func (s Status) Finished() bool {
	return s.Phase == phaseSucceeded || s.Phase == phaseFailed || s.Phase == phaseError
}

// Succeeded reports that the workflow finished successfully.
func (s Status) Succeeded() bool { return s.Phase == phaseSucceeded }

// Duration is how long the workflow has run: from its start (or, before that, its creation) to its
// end, or to now while it runs.
func (s Status) Duration(now time.Time) time.Duration {
	start := s.StartedAt
	if start.IsZero() {
		start = s.CreatedAt
	}
	return elapsed(start, s.FinishedAt, now)
}

// Duration is how long the node has run, 0 before it started.
func (n Node) Duration(now time.Time) time.Duration { return elapsed(n.StartedAt, n.FinishedAt, now) }

// elapsed is end (or now when unset) minus start, never negative (clocks of client and cluster differ).
func elapsed(start, end, now time.Time) time.Duration {
	if start.IsZero() {
		return 0
	}
	if end.IsZero() {
		end = now
	}
	return max(end.Sub(start), 0)
}

// orPending reads an unset phase as Pending: the controller has not picked the workflow up yet.
func orPending(phase string) string {
	if phase == "" {
		return phasePending
	}
	return phase
}
