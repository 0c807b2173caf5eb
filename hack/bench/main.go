// Command bench (`make bench`) measures the plugin against the argo CLI and a minimal raw client on a
// real local cluster and Argo Server: one submission, token minting and caching, batches, binary size
// and start-up. It writes bench/RESULTS.md and prints it. It fails only when it could not measure;
// a figure that misses its target is reported, never an error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/localcluster"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// options are the repetition counts and where the report goes.
type options struct {
	reps, batchReps, startupReps int
	batchSizes                   []int
	largeBatch                   int
	largeBudget                  time.Duration
	out                          string
}

func parseOptions() options {
	o := options{batchSizes: []int{200}}
	flag.IntVar(&o.reps, "reps", 10, "repetitions of each single submission")
	flag.IntVar(&o.batchReps, "batch-reps", 5, "repetitions of each batch")
	flag.IntVar(&o.startupReps, "startup-reps", 20, "repetitions of --help and version")
	flag.IntVar(&o.largeBatch, "large-batch", 1000, "a larger batch, measured when the estimate fits -large-budget (0: never)")
	flag.DurationVar(&o.largeBudget, "large-budget", 4*time.Minute, "most time the larger batch may take, estimated from the first")
	flag.StringVar(&o.out, "out", filepath.Join("bench", "RESULTS.md"), "report file, overwritten")
	flag.Parse()
	return o
}

func run() error {
	o := parseOptions()
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run from the repository root: go run ./hack/bench")
	}
	e, cleanup, err := newEnv()
	defer cleanup()
	if err != nil {
		return err
	}
	r, err := e.measureAll(o)
	if err != nil {
		return err
	}
	report := r.markdown()
	fmt.Print(report)
	if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(o.out, []byte(report), 0o644)
}

// newEnv builds the tools and starts the cluster in a temporary folder; cleanup stops the cluster and
// removes the folder, whatever happened.
func newEnv() (*env, func(), error) {
	root, err := filepath.Abs(".")
	if err != nil {
		return nil, func() {}, err
	}
	dir, err := os.MkdirTemp("", "argo-submit-bench-")
	if err != nil {
		return nil, func() {}, err
	}
	e := &env{root: root, dir: dir, home: filepath.Join(dir, "home")}
	var once sync.Once
	cleanup := func() {
		once.Do(func() {
			if e.cluster != nil {
				e.cluster.Stop()
			}
			os.RemoveAll(dir)
		})
	}
	onInterrupt(cleanup)
	if err := os.MkdirAll(e.home, 0o700); err != nil {
		return nil, cleanup, err
	}
	step("building the servers (cached after the first run) and the plugin")
	if e.bins, err = localcluster.Build(root, os.Stderr); err != nil {
		return nil, cleanup, err
	}
	if err := e.buildTools(); err != nil {
		return nil, cleanup, err
	}
	step("starting the local cluster and Argo Server")
	return e, cleanup, e.startCluster()
}

// measureAll runs every section in turn.
func (e *env) measureAll(o options) (results, error) {
	r := results{date: time.Now(), reps: o.reps, batchReps: o.batchReps, startupReps: o.startupReps}
	var err error
	step("one submission")
	if r.single, err = e.measureSingle(o.reps); err != nil {
		return r, err
	}
	step("token: cold and cached")
	if r.token, err = e.measureToken(o.reps); err != nil {
		return r, err
	}
	if r.batches, r.batchSkip, err = e.measureBatches(o); err != nil {
		return r, err
	}
	step("sizes and start-up")
	r.startup, err = e.measureStartup(o.startupReps)
	return r, err
}

// measureBatches measures the batch sizes, then the large batch if the first batches' times say it
// fits the budget.
func (e *env) measureBatches(o options) ([]batchResult, string, error) {
	parallel, err := e.pluginHasParallel()
	if err != nil {
		return nil, "", err
	}
	var batches []batchResult
	for _, size := range o.batchSizes {
		step(fmt.Sprintf("batch of %d", size))
		b, err := e.measureBatch(size, o.batchReps, parallel)
		if err != nil {
			return nil, "", err
		}
		batches = append(batches, b)
	}
	if o.largeBatch <= 0 || len(batches) == 0 {
		return batches, "", nil
	}
	estimate := largeEstimate(batches[len(batches)-1], o.largeBatch, o.batchReps)
	if estimate > o.largeBudget {
		return batches, fmt.Sprintf("A batch of %d was not measured: estimated at %s, over the %s budget (-large-budget).",
			o.largeBatch, estimate.Round(time.Second), o.largeBudget), nil
	}
	step(fmt.Sprintf("batch of %d (estimated %s)", o.largeBatch, estimate.Round(time.Second)))
	b, err := e.measureBatch(o.largeBatch, o.batchReps, parallel)
	return append(batches, b), "", err
}

// largeEstimate scales a measured batch's median times to size workflows, reps rounds, plus the
// deletions between runs (counted as long as the submissions).
func largeEstimate(b batchResult, size, reps int) time.Duration {
	perRound := b.plugin.medianWall() + b.argo.medianWall() + b.ceiling.medianWall()
	return 2 * perRound * time.Duration(reps) * time.Duration(size) / time.Duration(b.size)
}

// onInterrupt runs cleanup and exits on Ctrl-C or SIGTERM, so that an interrupted run stops its servers
// in order and leaves no temporary folder behind.
func onInterrupt(cleanup func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		fmt.Fprintln(os.Stderr, "bench: interrupted, stopping the cluster")
		cleanup()
		os.Exit(1)
	}()
}

func step(what string) { fmt.Fprintln(os.Stderr, "bench:", what, "…") }
