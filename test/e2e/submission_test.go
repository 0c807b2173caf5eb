package e2e

import (
	"encoding/json"
	"strings"
	"testing"
)

// submitter is a namespace where bob submits with his own token.
func submitter(t *testing.T) (string, env) {
	t.Helper()
	ns := newNamespace(t)
	canSubmit(t, ns, "User:bob")
	return ns, argoEnv(kubeconfig(t, "bob", ns))
}

// 10. Every override flag shows on the created object.
func TestOverrideFlags(t *testing.T) {
	ns, e := submitter(t)
	admin(t, "", "create", "serviceaccount", "runner", "-n", ns)
	params := writeTemp(t, "params.yaml", "message: from-file\nfromfile: 1\n")
	r := submit(t, e, helloWorkflow, "-f", "-", "--parameter-file", params, "-p", "extra=x=y",
		"--entrypoint", "main", "--name", "named-wf", "-l", "team=data,tier=1", "--serviceaccount", "runner", "--priority", "7")
	created := wantSubmitted(t, r, ns, 1)[0]
	got, _ := json.Marshal(map[string]any{
		"name": created.Metadata.Name, "team": created.Metadata.Labels["team"], "tier": created.Metadata.Labels["tier"],
		"sa": created.Spec["serviceAccountName"], "priority": created.Spec["priority"], "entrypoint": created.Spec["entrypoint"],
		"params": created.Spec["arguments"],
	})
	want := `{"entrypoint":"main","name":"named-wf","params":{"parameters":[{"name":"message","value":"from-file"},` +
		`{"name":"fromfile","value":"1"},{"name":"extra","value":"x=y"}]},"priority":7,"sa":"runner","team":"data","tier":"1"}`
	if string(got) != want {
		t.Errorf("created workflow:\n%s\nwant:\n%s", got, want)
	}

	r = submit(t, e, helloWorkflow, "-f", "-", "--generate-name", "custom-", "-p", "message=flag-wins", "--parameter-file", params)
	r.WantCode(t, 0)
	if !strings.HasPrefix(r.Stdout, "workflow.argoproj.io/custom-") {
		t.Errorf("--generate-name not applied: %s", r.Stdout)
	}
}

// 11. Several documents, several files and standard input in one call, submitted in input order.
func TestManyInputs(t *testing.T) {
	ns, e := submitter(t)
	multi := writeTemp(t, "multi.yaml", helloWorkflow+"---\n"+strings.Replace(helloWorkflow, "hello-", "second-", 1))
	single := writeTemp(t, "single.json", `{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"generateName":"json-"},`+
		`"spec":{"entrypoint":"main","templates":[{"name":"main","container":{"image":"busybox"}}]}}`)
	r := submit(t, e, strings.Replace(helloWorkflow, "hello-", "stdin-", 1), multi, single, "-f", "-")
	wantSubmitted(t, r, ns, 4)
	var prefixes []string
	for _, line := range strings.Split(strings.TrimSpace(r.Stdout), "\n") {
		name := strings.TrimPrefix(strings.Fields(line)[0], "workflow.argoproj.io/")
		prefixes = append(prefixes, name[:strings.Index(name, "-")])
	}
	if got := strings.Join(prefixes, ","); got != "hello,second,json,stdin" {
		t.Errorf("submitted in order %s, want hello,second,json,stdin", got)
	}
}

// 12. Dry runs create nothing; the server one is answered by the real server.
func TestDryRunsCreateNothing(t *testing.T) {
	ns, e := submitter(t)
	client := submit(t, e, helloWorkflow, "-f", "-", "--dry-run=client", "-o", "name")
	client.WantCode(t, 0)
	server := submit(t, e, helloWorkflow, "-f", "-", "--dry-run=server", "-o", "json")
	server.WantCode(t, 0)
	var answered map[string]any
	if err := json.Unmarshal([]byte(server.Stdout), &answered); err != nil || answered["kind"] != "Workflow" {
		t.Errorf("server dry run printed (%v):\n%s", err, server.Stdout)
	}
	wantNothingCreated(t, ns)
}

// 13. Invalid input: exit 2, and nothing is created even for the valid documents beside it.
func TestInvalidInputCreatesNothing(t *testing.T) {
	ns, e := submitter(t)
	template := writeTemp(t, "template.yaml", strings.Replace(strings.Replace(helloWorkflow, "kind: Workflow", "kind: WorkflowTemplate", 1),
		"generateName: hello-", "name: tmpl", 1))
	for _, args := range [][]string{
		{"-f", "-", template},
		{"-f", "-", "-p", "no-equals-sign"},
		{"-f", "-", "missing-file.yaml"},
		{"-f", "-", "--token-source", "request", "--token-service-account", "ci", "--token-duration", "1m"},
		{"-f", "-", "--no-such-flag"},
		{"-f", "-", "-l", "bad label=x"},
	} {
		r := submit(t, e, helloWorkflow, args...)
		r.WantCode(t, 2)
	}
	wantNothingCreated(t, ns)
}
