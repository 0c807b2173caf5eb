package e2e

import (
	"context"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/plugintest"
)

// No workflow controller runs here: the tests play its part by patching the created workflow's
// status through the Kubernetes API, and the real Argo Server streams the changes to the plugin.

const followTimeout = 90 * time.Second

// startSubmit runs a submission of helloWorkflow in the background, like submit, and returns the
// created workflow's name once it exists.
func startSubmit(t *testing.T, e env, ns string, args ...string) (*plugintest.Running, string) {
	t.Helper()
	running, names := startSubmitMany(t, e, ns, helloWorkflow, 1, args...)
	return running, names[0]
}

// startSubmitMany submits stdin in the background and returns the names of the count workflows it
// creates (count < 0: returns at once, without waiting for any).
func startSubmitMany(t *testing.T, e env, ns, stdin string, count int, args ...string) (*plugintest.Running, []string) {
	t.Helper()
	full := append([]string{"argo-submit"}, args...)
	full = append(full, "--argo-ca-file", cluster.ArgoCAFile, "-v=10")
	running := plugin.Start(t, e, stdin, full...)
	var names []string
	if count < 0 {
		return running, nil
	}
	waitFor(t, fmt.Sprintf("%d workflows to be created in %s", count, ns), func() bool {
		names = names[:0]
		for _, wf := range workflows(t, ns) {
			names = append(names, wf.Metadata.Name)
		}
		return len(names) == count
	})
	return running, names
}

// finish collects a background run and records its output for the suite's token check.
func finish(t *testing.T, r *plugintest.Running) plugintest.Result {
	t.Helper()
	result := r.Wait(t, followTimeout)
	record.add(t.Name(), result.Combined())
	return result
}

// setStatus patches the workflow's status as the workflow controller would.
func setStatus(t *testing.T, ns, name, status string) {
	t.Helper()
	admin(t, "", "patch", "workflows.argoproj.io", name, "-n", ns, "--type=merge", "-p", `{"status":`+status+`}`)
}

func runningStatus(name string) string {
	now := time.Now().UTC()
	return fmt.Sprintf(`{"phase":"Running","progress":"1/2","startedAt":%q,"nodes":{
		%q:{"id":%q,"name":%q,"displayName":%q,"type":"Steps","phase":"Running","startedAt":%q,"children":[%q]},
		%q:{"id":%q,"name":"%s[0].step-a","displayName":"step-a","type":"Pod","phase":"Succeeded","templateName":"main",
		    "startedAt":%q,"finishedAt":%q,"boundaryID":%q}}}`,
		now.Format(time.RFC3339), name, name, name, name, now.Format(time.RFC3339), name+"-1",
		name+"-1", name+"-1", name, now.Format(time.RFC3339), now.Add(3*time.Second).Format(time.RFC3339), name)
}

func finishedStatus(phase, message string) string {
	now := time.Now().UTC()
	return fmt.Sprintf(`{"phase":%q,"message":%q,"progress":"2/2","startedAt":%q,"finishedAt":%q}`,
		phase, message, now.Add(-5*time.Second).Format(time.RFC3339), now.Format(time.RFC3339))
}

func TestWaitExitCodes(t *testing.T) {
	for _, tc := range []struct {
		phase, message string
		code           int
	}{
		{"Succeeded", "", 0},
		{"Failed", "child step-b failed", 1},
		{"Error", "pod deleted", 1},
	} {
		t.Run(tc.phase, func(t *testing.T) {
			ns, e := submitter(t)
			running, name := startSubmit(t, e, ns, "-f", "-", "--wait")
			setStatus(t, ns, name, runningStatus(name))
			setStatus(t, ns, name, finishedStatus(tc.phase, tc.message))
			r := finish(t, running)
			r.WantCode(t, tc.code)
			if !strings.Contains(r.Stdout, "workflow.argoproj.io/"+name+" "+tc.phase) || !strings.Contains(r.Stdout, tc.message) {
				t.Errorf("no finished line for %s %s:\n%s", name, tc.phase, r.Stdout)
			}
		})
	}
}

// Several workflows are waited for at once; one line each as they finish, exit 1 for the failed one.
func TestWaitMany(t *testing.T) {
	ns, e := submitter(t)
	three := helloWorkflow + "---\n" + helloWorkflow + "---\n" + helloWorkflow
	running, names := startSubmitMany(t, e, ns, three, 3, "-f", "-", "--wait")
	setStatus(t, ns, names[2], finishedStatus("Succeeded", ""))
	setStatus(t, ns, names[0], finishedStatus("Failed", "boom"))
	setStatus(t, ns, names[1], finishedStatus("Succeeded", ""))
	r := finish(t, running)
	r.WantCode(t, 1)
	for _, name := range names {
		if !strings.Contains(r.Stdout, "workflow.argoproj.io/"+name+" ") {
			t.Errorf("no finished line for %s:\n%s", name, r.Stdout)
		}
	}
	r.WantStderr(t, "1 of 3 workflows did not succeed", names[0]+" Failed")
}

func TestWaitTimeout(t *testing.T) {
	ns, e := submitter(t)
	running, name := startSubmit(t, e, ns, "-f", "-", "--wait", "--timeout", "3s")
	r := finish(t, running)
	r.WantCode(t, 5)
	r.WantStderr(t, "--timeout ran out", "kubectl get workflows.argoproj.io -n "+ns+" "+name)
	if len(workflows(t, ns)) != 1 {
		t.Error("the workflow must be left alone")
	}
}

func TestWaitInterrupted(t *testing.T) {
	ns, e := submitter(t)
	running, name := startSubmit(t, e, ns, "-f", "-", "--wait")
	time.Sleep(500 * time.Millisecond) // let it start watching
	if err := running.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	r := finish(t, running)
	r.WantCode(t, 130)
	r.WantStderr(t, "interrupted", name)
	if len(workflows(t, ns)) != 1 {
		t.Error("Ctrl-C must not touch the workflow")
	}
}

func TestWatchPlainLines(t *testing.T) {
	ns, e := submitter(t)
	running, name := startSubmit(t, e, ns, "-f", "-", "--watch")
	setStatus(t, ns, name, runningStatus(name))
	time.Sleep(300 * time.Millisecond) // a separate change, not merged with the next
	setStatus(t, ns, name, finishedStatus("Succeeded", ""))
	r := finish(t, running)
	r.WantCode(t, 0)
	if strings.Contains(r.Stdout, "\x1b") {
		t.Errorf("escape codes on a non-terminal stdout:\n%q", r.Stdout)
	}
	for _, want := range []string{name + " Running 1/2", "step-a Succeeded", name + " Succeeded"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("--watch output lacks %q:\n%s", want, r.Stdout)
		}
	}
}

// The Argo Server restarts while the plugin waits: it reconnects and still sees the end.
func TestWaitSurvivesArgoServerRestart(t *testing.T) {
	ns, e := submitter(t)
	running, name := startSubmit(t, e, ns, "-f", "-", "--wait")
	time.Sleep(500 * time.Millisecond)
	cluster.StopArgoServer()
	if err := cluster.StartArgoServer(context.Background()); err != nil {
		t.Fatalf("restarting the Argo Server: %v", err)
	}
	setStatus(t, ns, name, finishedStatus("Succeeded", ""))
	r := finish(t, running)
	r.WantCode(t, 0)
}

// --log with no pods (no controller runs here): a clear message, then the --wait outcome; no hang.
func TestLogWithoutPods(t *testing.T) {
	ns, e := submitter(t)
	running, name := startSubmit(t, e, ns, "-f", "-", "--log")
	setStatus(t, ns, name, finishedStatus("Succeeded", ""))
	r := finish(t, running)
	r.WantCode(t, 0)
	r.WantStderr(t, "no log lines", name)
}

// --from for all three kinds, the templates created in the real cluster.
func TestSubmitFromTemplates(t *testing.T) {
	ns, e := submitter(t)
	grant(t, ns, "read-templates", "User:bob", "get,list:workflowtemplates.argoproj.io", "get,list:cronworkflows.argoproj.io")
	admin(t, "", "create", "clusterrole", "read-cluster-templates-"+ns, "--verb=get,list", "--resource=clusterworkflowtemplates.argoproj.io")
	admin(t, "", "create", "clusterrolebinding", "read-cluster-templates-"+ns, "--clusterrole=read-cluster-templates-"+ns, "--user=bob")
	spec := `  entrypoint: main
  arguments: {parameters: [{name: message, value: from-template}]}
  templates: [{name: main, container: {image: busybox}}]`
	admin(t, "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: tmpl}\nspec:\n"+spec+"\n", "apply", "-n", ns, "-f", "-")
	admin(t, "apiVersion: argoproj.io/v1alpha1\nkind: ClusterWorkflowTemplate\nmetadata: {name: cluster-tmpl-"+ns+"}\nspec:\n"+spec+"\n", "apply", "-f", "-")
	admin(t, "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: nightly}\nspec:\n  schedules: [\"0 1 * * *\"]\n  workflowSpec:\n"+
		strings.ReplaceAll(spec, "  ", "    ")+"\n", "apply", "-n", ns, "-f", "-")

	for i, from := range []string{"workflowtemplate/tmpl", "cwftmpl/cluster-tmpl-" + ns, "cronwf/nightly"} {
		r := submit(t, e, "", "--from", from, "-p", "message=hi", "-l", "via=from")
		created := wantSubmitted(t, r, ns, i+1)
		if len(created) != 1 || created[0].Metadata.Labels["via"] != "from" {
			t.Errorf("--from %s created %+v", from, created)
		}
	}
	missing := submit(t, e, "", "--from", "workflowtemplate/absent")
	if missing.Code == 0 || !strings.Contains(missing.Stderr, "absent") {
		t.Errorf("--from a missing template: exit %d\n%s", missing.Code, missing.Stderr)
	}
	withFile := submit(t, e, helloWorkflow, "--from", "workflowtemplate/tmpl", "-f", "-")
	withFile.WantCode(t, 2)
}
