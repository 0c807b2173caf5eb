package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"sigs.k8s.io/yaml"
)

// indexMarker in a body is what rawclient replaces by each create's index (the same constant there).
const indexMarker = "__INDEX__"

// indexLabel numbers the workflows of a batch, so that a count can tell duplicates from gaps.
const indexLabel = "benchindex"

// workflowYAML is a small, typical workflow; index is its indexLabel value (rawclient's marker in the
// body it posts).
func workflowYAML(index string) string {
	return `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: bench-
  labels:
    ` + indexLabel + `: "` + index + `"
spec:
  entrypoint: main
  templates:
  - name: main
    container:
      image: busybox
      command: [echo]
      args: ["hello"]
`
}

// createBody is the JSON the Argo Server's create endpoint takes, with the same workflow as
// workflowYAML(index): what the plugin sends.
func createBody(index string) ([]byte, error) {
	workflow, err := yaml.YAMLToJSON([]byte(workflowYAML(index)))
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{"namespace": namespace, "workflow": json.RawMessage(workflow), "serverDryRun": false})
}

// writeFile writes content to dir/name and returns the path.
func writeFile(dir, name string, content []byte) (string, error) {
	path := filepath.Join(dir, name)
	return path, os.WriteFile(path, content, 0o600)
}

// batchFiles writes n workflow files, one workflow each, numbered 0..n-1.
func batchFiles(dir string, n int) ([]string, error) {
	dir = filepath.Join(dir, fmt.Sprintf("batch-%d", n))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	files := make([]string, n)
	for i := range n {
		path, err := writeFile(dir, fmt.Sprintf("wf-%04d.yaml", i), []byte(workflowYAML(strconv.Itoa(i))))
		if err != nil {
			return nil, err
		}
		files[i] = path
	}
	return files, nil
}

// deleteWorkflows removes every workflow of the namespace, so that each batch is counted alone. It is
// `kubectl delete workflows --all` in one DELETE of the collection: kubectl's own deletes one object at
// a time, about a minute for 1000 here. No workflow has a finalizer (no controller runs), so they are
// gone when it answers; checkBatch would see any left over.
func (e *env) deleteWorkflows() error {
	_, err := e.admin(5*time.Minute, "delete", "--raw", "/apis/argoproj.io/v1alpha1/namespaces/"+namespace+"/workflows")
	return err
}

// checkBatch counts the namespace's workflows through the Kubernetes API: exactly one of each index
// 0..n-1, no duplicate and none missing.
func (e *env) checkBatch(n int) error {
	out, err := e.admin(2*time.Minute, "get", "workflows.argoproj.io", "-n", namespace,
		"-o", "jsonpath={range .items[*]}{.metadata.labels."+indexLabel+"}{\"\\n\"}{end}")
	if err != nil {
		return err
	}
	seen := map[string]int{}
	for _, index := range strings.Fields(out) {
		seen[index]++
	}
	return batchProblems(seen, n)
}

// batchProblems reports duplicates and gaps among the indexes seen.
func batchProblems(seen map[string]int, n int) error {
	duplicates, missing := 0, 0
	for i := range n {
		switch count := seen[strconv.Itoa(i)]; {
		case count == 0:
			missing++
		case count > 1:
			duplicates += count - 1
		}
	}
	total := 0
	for _, count := range seen {
		total += count
	}
	if duplicates > 0 || missing > 0 || total != n {
		return fmt.Errorf("batch of %d: %d workflows, %d duplicates, %d missing", n, total, duplicates, missing)
	}
	return nil
}
