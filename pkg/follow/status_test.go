package follow

import (
	"reflect"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// at is a time on the tests' day, e.g. at("10:00:05").
func at(clock string) time.Time {
	t, err := time.Parse(time.RFC3339, "2025-03-01T"+clock+"Z")
	if err != nil {
		panic(err)
	}
	return t
}

func TestStatusOf(t *testing.T) {
	tests := []struct {
		name string
		wf   *unstructured.Unstructured
		want Status
	}{
		{"nil", nil, Status{Phase: "Pending"}},
		{"no status yet", &unstructured.Unstructured{Object: map[string]interface{}{
			"metadata": map[string]interface{}{"name": "hello-x7k2p", "namespace": "argo", "resourceVersion": "12", "creationTimestamp": "2025-03-01T10:00:00Z"},
			"spec":     map[string]interface{}{"serviceAccountName": "runner"},
		}}, Status{
			Ref: Ref{Namespace: "argo", Name: "hello-x7k2p"}, Phase: "Pending", CreatedAt: at("10:00:00"),
			ServiceAccount: "runner", ResourceVersion: "12",
		}},
		{"finished with a message", &unstructured.Unstructured{Object: map[string]interface{}{
			"metadata": map[string]interface{}{"name": "hello-x7k2p", "namespace": "argo"},
			"status": map[string]interface{}{
				"phase": "Failed", "message": "child 'hello-x7k2p-1' failed", "progress": "0/1",
				"startedAt": "2025-03-01T10:00:01Z", "finishedAt": "2025-03-01T10:01:03Z",
				"nodes": map[string]interface{}{"hello-x7k2p": map[string]interface{}{
					"id": "hello-x7k2p", "name": "hello-x7k2p", "displayName": "hello-x7k2p", "type": "Pod",
					"templateName": "main", "phase": "Failed", "message": "Error (exit code 1)",
					"startedAt": "2025-03-01T10:00:01Z", "finishedAt": "2025-03-01T10:01:02Z",
				}},
			},
		}}, Status{
			Ref: Ref{Namespace: "argo", Name: "hello-x7k2p"}, Phase: "Failed", Message: "child 'hello-x7k2p-1' failed", Progress: "0/1",
			StartedAt: at("10:00:01"), FinishedAt: at("10:01:03"),
			Nodes: map[string]Node{"hello-x7k2p": {
				ID: "hello-x7k2p", Name: "hello-x7k2p", DisplayName: "hello-x7k2p", Type: "Pod", TemplateName: "main",
				Phase: "Failed", Message: "Error (exit code 1)", StartedAt: at("10:00:01"), FinishedAt: at("10:01:02"),
			}},
		}},
		{"malformed fields read as unset", &unstructured.Unstructured{Object: map[string]interface{}{
			"metadata": map[string]interface{}{"name": "hello-x7k2p"},
			"status": map[string]interface{}{
				"phase": 3, "startedAt": "yesterday",
				"nodes": map[string]interface{}{"n1": map[string]interface{}{"phase": ""}, "n2": "not a node"},
			},
		}}, Status{
			Ref: Ref{Name: "hello-x7k2p"}, Phase: "Pending",
			Nodes: map[string]Node{"n1": {ID: "n1", Phase: "Pending"}},
		}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			if got := StatusOf(test.wf); !reflect.DeepEqual(got, test.want) {
				t.Errorf("StatusOf =\n%+v\nwant\n%+v", got, test.want)
			}
		})
	}
}

func TestStatusOfNestedWorkflow(t *testing.T) {
	s := StatusOf(readWorkflow(t, "steps-and-dag.json"))
	if s.Phase != "Running" || s.Progress != "4/8" || s.ServiceAccount != "runner" || s.ResourceVersion != "48213" {
		t.Errorf("status fields %+v", s)
	}
	if len(s.Nodes) != 17 {
		t.Errorf("%d nodes, want 17", len(s.Nodes))
	}
	retry := s.Nodes["hello-x7k2p-4003"]
	want := Node{
		ID: "hello-x7k2p-4003", Name: "hello-x7k2p[1].test.integration", DisplayName: "integration", Type: "Retry",
		Phase: "Running", TemplateName: "run-tests", BoundaryID: "hello-x7k2p-4001",
		Children: []string{"hello-x7k2p-4005", "hello-x7k2p-4006"}, StartedAt: at("10:00:25"),
	}
	if !reflect.DeepEqual(retry, want) {
		t.Errorf("retry node =\n%+v\nwant\n%+v", retry, want)
	}
	if got := s.Nodes["hello-x7k2p-2002"].TemplateName; got != "shared-checks/lint" {
		t.Errorf("templateRef node's template %q, want shared-checks/lint", got)
	}
}

func TestFinishedAndSucceeded(t *testing.T) {
	tests := []struct {
		phase               string
		finished, succeeded bool
	}{
		{"Pending", false, false},
		{"Running", false, false},
		{"Succeeded", true, true},
		{"Failed", true, false},
		{"Error", true, false},
	}
	for _, test := range tests {
		s := Status{Phase: test.phase}
		if s.Finished() != test.finished || s.Succeeded() != test.succeeded {
			t.Errorf("%s: Finished %v Succeeded %v, want %v %v", test.phase, s.Finished(), s.Succeeded(), test.finished, test.succeeded)
		}
	}
}

func TestDuration(t *testing.T) {
	now := at("10:05:00")
	tests := []struct {
		name   string
		status Status
		want   time.Duration
	}{
		{"never created", Status{}, 0},
		{"not started: since creation", Status{CreatedAt: at("10:04:00")}, time.Minute},
		{"running: since start", Status{CreatedAt: at("10:00:00"), StartedAt: at("10:01:00")}, 4 * time.Minute},
		{"finished", Status{StartedAt: at("10:01:00"), FinishedAt: at("10:02:02")}, 62 * time.Second},
		{"clock skew", Status{StartedAt: at("10:06:00")}, 0},
	}
	for _, test := range tests {
		if got := test.status.Duration(now); got != test.want {
			t.Errorf("%s: Duration = %v, want %v", test.name, got, test.want)
		}
	}
}

func TestFinishedLine(t *testing.T) {
	now := at("10:05:00")
	ref := Ref{Namespace: "argo", Name: "hello-x7k2p"}
	tests := []struct {
		status Status
		want   string
	}{
		{Status{Ref: ref, Phase: "Succeeded", StartedAt: at("10:00:00"), FinishedAt: at("10:01:02.4")},
			"workflow.argoproj.io/hello-x7k2p Succeeded in 1m2s"},
		{Status{Ref: ref, Phase: "Failed", Message: "child 'hello-x7k2p-1' failed\nsee logs", StartedAt: at("10:00:00"), FinishedAt: at("10:00:03")},
			"workflow.argoproj.io/hello-x7k2p Failed in 3s: child 'hello-x7k2p-1' failed see logs"},
		{Status{Ref: ref, Phase: "Error", Message: "pod deleted", CreatedAt: at("10:04:00")},
			"workflow.argoproj.io/hello-x7k2p Error in 1m0s: pod deleted"},
	}
	for _, test := range tests {
		if got := FinishedLine(test.status, now); got != test.want {
			t.Errorf("FinishedLine = %q, want %q", got, test.want)
		}
	}
}
