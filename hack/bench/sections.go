package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// figure is one tool's series in a section of the report.
type figure struct {
	name   string
	series series
}

// singleResults are the one-submission figures: plugin, argo CLI, the raw Go client (the strict
// floor) and curl (the floor).
type singleResults struct {
	figures                   []figure
	argoVerifiesTLS           bool
	plugin, argo, floor, curl series
}

func (e *env) measureSingle(reps int) (singleResults, error) {
	wf, err := writeFile(e.dir, "wf.yaml", []byte(workflowYAML("single")))
	if err != nil {
		return singleResults{}, err
	}
	bodyJSON, err := createBody("single")
	if err != nil {
		return singleResults{}, err
	}
	body, err := writeFile(e.dir, "body.json", bodyJSON)
	if err != nil {
		return singleResults{}, err
	}
	if err := e.argoTrust(wf); err != nil {
		return singleResults{}, fmt.Errorf("argo submit: %w", err)
	}
	scenarios := []scenario{
		{name: "kubectl-argo_submit", cmd: e.pluginSubmit(nil, wf)},
		{name: "argo submit (CLI v3.7.18, gRPC)", cmd: e.argoSubmit(wf)},
		{name: "raw Go client (floor)", cmd: e.rawCreate(body, 1, 1)},
	}
	curl, err := exec.LookPath("curl")
	if err != nil {
		return singleResults{}, fmt.Errorf("curl, the issue's floor, is needed: %w", err)
	}
	curlCmd, err := e.curlCreate(curl, body)
	if err != nil {
		return singleResults{}, err
	}
	scenarios = append(scenarios, scenario{name: "curl", cmd: curlCmd})
	all, err := measureRounds(scenarios, reps, true, time.Minute)
	if err != nil {
		return singleResults{}, err
	}
	r := singleResults{argoVerifiesTLS: e.argoTLSIsSafe, plugin: all[0], argo: all[1], floor: all[2], curl: all[3]}
	for i, s := range scenarios {
		r.figures = append(r.figures, figure{s.name, all[i]})
	}
	return r, e.deleteWorkflows()
}

// tokenResults compare a TokenRequest per run with the plugin's token cache.
type tokenResults struct {
	cold, cached  series
	tokenRequests int // TokenRequests by bob during the rounds, from the API server's audit log
	expected      int // one per cold run (warm-up included) and one for the cached warm-up
}

func (e *env) measureToken(reps int) (tokenResults, error) {
	wf := filepath.Join(e.dir, "wf.yaml")
	coldDir, warmDir := filepath.Join(e.dir, "cache-cold"), filepath.Join(e.dir, "cache-warm")
	scenarios := []scenario{
		// A fresh KUBECACHEDIR each run: the plugin must mint a token (one TokenRequest).
		{name: "cold", cmd: e.pluginWithServiceAccount(wf, coldDir), prepare: func() error { return os.RemoveAll(coldDir) }},
		// One KUBECACHEDIR for all runs, filled by the warm-up: no Kubernetes call at all.
		{name: "cached", cmd: e.pluginWithServiceAccount(wf, warmDir)},
	}
	before, err := e.countTokenRequests()
	if err != nil {
		return tokenResults{}, err
	}
	all, err := measureRounds(scenarios, reps, true, time.Minute)
	if err != nil {
		return tokenResults{}, err
	}
	after, err := e.countTokenRequests()
	if err != nil {
		return tokenResults{}, err
	}
	r := tokenResults{cold: all[0], cached: all[1], tokenRequests: after - before, expected: reps + 2}
	return r, e.deleteWorkflows()
}

// countTokenRequests counts bob's successful TokenRequests for ci so far.
func (e *env) countTokenRequests() (int, error) {
	events, err := e.cluster.AuditEvents()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, ev := range events {
		if ev.Verb == "create" && ev.ObjectRef.Subresource == "token" && ev.ObjectRef.Name == serviceAccount &&
			ev.User.Username == user && ev.ResponseStatus.Code == 201 {
			n++
		}
	}
	return n, nil
}

// batchResult is one batch size: the plugin, the argo CLI and the raw parallel client (the ceiling).
type batchResult struct {
	size                  int
	pluginMode            string
	plugin, argo, ceiling series
}

const ceilingWorkers = 16

// measureBatch submits size workflows in one call per tool, reps times, deleting them before each run
// and counting them after it.
func (e *env) measureBatch(size, reps int, parallel bool) (batchResult, error) {
	files, err := batchFiles(e.dir, size)
	if err != nil {
		return batchResult{}, err
	}
	bodyJSON, err := createBody(indexMarker)
	if err != nil {
		return batchResult{}, err
	}
	body, err := writeFile(e.dir, "batch-body.json", bodyJSON)
	if err != nil {
		return batchResult{}, err
	}
	mode, extra := "sequential (no --parallel yet)", []string(nil)
	if parallel {
		mode, extra = fmt.Sprintf("--parallel %d", ceilingWorkers), []string{"--parallel", fmt.Sprint(ceilingWorkers)}
	}
	check := func() error { return e.checkBatch(size) }
	scenarios := []scenario{
		{name: "kubectl-argo_submit", cmd: e.pluginSubmit(extra, files...), prepare: e.deleteWorkflows, check: check},
		{name: "argo submit", cmd: e.argoSubmit(files...), prepare: e.deleteWorkflows, check: check},
		{name: "raw Go client", cmd: e.rawCreate(body, size, ceilingWorkers), prepare: e.deleteWorkflows, check: check},
	}
	all, err := measureRounds(scenarios, reps, false, 10*time.Minute)
	if err != nil {
		return batchResult{}, err
	}
	r := batchResult{size: size, pluginMode: mode, plugin: all[0], argo: all[1], ceiling: all[2]}
	return r, e.deleteWorkflows()
}

// pluginHasParallel tells whether this build of the plugin offers --parallel.
func (e *env) pluginHasParallel() (bool, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	help := exec.CommandContext(ctx, e.plugin, "--help")
	help.Env = e.baseEnv()
	out, err := help.Output()
	return strings.Contains(string(out), "--parallel"), err
}

// startupResults are the plugin's start-up costs and the binaries' sizes.
type startupResults struct {
	figures              []figure
	pluginSize, argoSize int64
}

// measureStartup times what must not build clients it does not need: help, version, and shell
// completion, both of a fixed value and of namespaces listed from the cluster (one API call).
func (e *env) measureStartup(reps int) (startupResults, error) {
	adminEnv := e.baseEnv("KUBECONFIG=" + e.cluster.AdminKubeconfig)
	scenarios := []scenario{
		{name: "`kubectl-argo_submit --help`", cmd: command{path: e.plugin, args: []string{"--help"}, env: e.baseEnv()}},
		{name: "`kubectl-argo_submit version`", cmd: command{path: e.plugin, args: []string{"version"}, env: e.baseEnv()}},
		{name: "completion of `-o` (fixed values)", cmd: command{path: e.plugin, args: []string{"__complete", "-o", ""}, env: e.baseEnv()}},
		{name: "completion of `-n` (namespaces from the cluster)", cmd: command{path: e.plugin, args: []string{"__complete", "-n", ""}, env: adminEnv}},
	}
	all, err := measureRounds(scenarios, reps, true, 30*time.Second)
	if err != nil {
		return startupResults{}, err
	}
	var r startupResults
	for i, s := range scenarios {
		r.figures = append(r.figures, figure{s.name, all[i]})
	}
	if r.pluginSize, err = fileSize(e.plugin); err != nil {
		return r, err
	}
	r.argoSize, err = fileSize(e.bins.Argo)
	return r, err
}

func fileSize(path string) (int64, error) {
	info, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return info.Size(), nil
}
