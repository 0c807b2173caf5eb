package cmd

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
)

// workflowDoc is a minimal workflow whose generateName says where it came from.
func workflowDoc(prefix string) string {
	return fmt.Sprintf("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: %s-}\nspec: {entrypoint: main, templates: [{name: main, container: {image: busybox}}]}\n", prefix)
}

func generateNameOf(req fakeserver.ArgoRequest) string {
	wf := req.Body["workflow"].(map[string]any)
	return wf["metadata"].(map[string]any)["generateName"].(string)
}

// The server answers the first workflows last; the output still follows the input.
func TestParallelOutputKeepsInputOrder(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	argo.Respond = func(_ int, req fakeserver.ArgoRequest) fakeserver.ArgoResponse {
		var i int
		fmt.Sscanf(generateNameOf(req), "w%d-", &i)
		time.Sleep(time.Duration(6-i) * 20 * time.Millisecond)
		return fakeserver.ArgoResponse{}
	}
	var docs []string
	for i := range 6 {
		docs = append(docs, workflowDoc(fmt.Sprintf("w%d", i)))
	}
	start := time.Now()
	r := invocation{env: directEnv(argo), stdin: strings.Join(docs, "---\n")}.run(t, "-f", "-", "--parallel", "6")
	r.wantCode(t, ExitOK)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	for i, line := range lines {
		if !strings.HasPrefix(line, fmt.Sprintf("workflow.argoproj.io/w%d-", i)) {
			t.Errorf("line %d is %q:\n%s", i, line, r.stdout)
		}
	}
	r.wantStderr(t, "6 submitted, 0 failed")
	if elapsed := time.Since(start); elapsed > 300*time.Millisecond {
		t.Errorf("took %s: the six were not submitted at once", elapsed)
	}
}

func TestBatchSummaryNamesTheFailed(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	argo.Respond = func(_ int, req fakeserver.ArgoRequest) fakeserver.ArgoResponse {
		if generateNameOf(req) == "bad-" {
			return fakeserver.ArgoResponse{Status: 400, Code: 3, Message: "spec.templates is invalid"}
		}
		return fakeserver.ArgoResponse{}
	}
	stdin := workflowDoc("ok") + "---\n" + workflowDoc("bad") + "---\n" + workflowDoc("ok")
	r := invocation{env: directEnv(argo), stdin: stdin}.run(t, "-f", "-")
	r.wantCode(t, ExitFailed)
	r.wantStderr(t, "2 submitted, 1 failed", "  failed: standard input (document 2): ", "spec.templates is invalid", "1 of 3 workflows were not submitted")
	if n := strings.Count(r.stdout, " submitted\n"); n != 2 {
		t.Errorf("%d workflows printed, want 2:\n%s", n, r.stdout)
	}
}

func TestBatchFlagsAreChecked(t *testing.T) {
	argo := fakeserver.NewArgo(t, false)
	for _, args := range [][]string{
		{"testdata/hello.yaml", "--parallel", "0"},
		{"--from", "workflowtemplate/x", "--idempotency-key", "k"},
	} {
		r := invocation{env: directEnv(argo)}.run(t, args...)
		r.wantCode(t, ExitUsage)
	}
	if n := len(argo.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestDirectoriesAsInputs(t *testing.T) {
	dir := t.TempDir()
	for name, prefix := range map[string]string{"b.yaml": "b", "a.json": "", "sub/c.yml": "c", "notes.txt": ""} {
		content := workflowDoc(prefix)
		if name == "a.json" {
			content = `{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"generateName":"a-"},"spec":{"entrypoint":"main","templates":[{"name":"main","container":{"image":"busybox"}}]}}`
		}
		if name == "notes.txt" {
			content = "not a workflow"
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{dir}, "a-,b-"},
		{[]string{"-f", dir, "-R"}, "a-,b-,c-"},
		{[]string{"--recursive", dir, "testdata/hello.yaml"}, "a-,b-,c-,hello-"},
	} {
		argo := fakeserver.NewArgo(t, false)
		r := invocation{env: directEnv(argo)}.run(t, append(tc.args, "--parallel", "1")...)
		r.wantCode(t, ExitOK)
		var got []string
		for _, req := range argo.Requests() {
			got = append(got, generateNameOf(req))
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("%v submitted %v, want %s", tc.args, got, tc.want)
		}
	}
}

func TestEmptyDirectoryIsUsageError(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub", "wf.yaml"), []byte(workflowDoc("x")), 0o600); err != nil {
		t.Fatal(err)
	}
	argo := fakeserver.NewArgo(t, false)
	r := invocation{env: directEnv(argo)}.run(t, dir)
	r.wantCode(t, ExitUsage)
	r.wantStderr(t, "no .yaml, .yml or .json file at its top level (use -R")
}
