package main

import (
	"fmt"
	"strings"
	"time"
)

// Targets the figures are judged against.
const (
	maxVsFloor        = 1.3
	maxVsArgo         = 0.5
	maxRSSBytes       = 35 << 20
	maxBinaryBytes    = 40e6
	minBatchVsCeiling = 0.8
)

// results is everything one run measured.
type results struct {
	date        time.Time
	reps        int
	batchReps   int
	single      singleResults
	token       tokenResults
	batches     []batchResult
	batchSkip   string // why a larger batch was not measured, if it was not
	startup     startupResults
	startupReps int
}

// markdown renders RESULTS.md.
func (r results) markdown() string {
	sections := []string{
		"# Benchmark results\n\n" + r.intro(),
		"## Machine\n\n" + r.machineTable().markdown(),
		fmt.Sprintf("## One submission with a given token (median of %d)\n\n", r.reps) + r.singleTable().markdown() + "\n" + r.singleNote(),
		fmt.Sprintf("## Token (median of %d)\n\n", r.reps) + r.tokenTable().markdown() + "\n" + r.tokenNote(),
		fmt.Sprintf("## Batches in one call (median of %d)\n\n", r.batchReps) + r.batchTable().markdown() + "\n" + r.batchNote(),
		fmt.Sprintf("## Sizes and start-up (median of %d)\n\n", r.startupReps) + r.startupTable().markdown(),
		"## Targets\n\n" + r.targetTable().markdown(),
	}
	return strings.Join(sections, "\n")
}

func (r results) intro() string {
	return fmt.Sprintf(`Measured by `+"`make bench`"+` (hack/bench) on %s. Every figure is a fresh process against a real
kube-apiserver and Argo Server v3.7.18 (client auth mode, TLS with a private CA) on 127.0.0.1 of the same
machine; the tools take turns within each round, so a slow spell hits them alike. Wall time is from
process start to exit; peak RSS is the kernel's ru_maxrss of the process (what `+"`/usr/bin/time -v`"+`
reports). The plugin is a release build (`+"`-trimpath -ldflags \"-s -w\"`"+`, no cgo), run directly (no
kubectl dispatch) with `+"`KUBECONFIG=/dev/null`"+` unless it needs a kubeconfig.
`, r.date.UTC().Format("2006-01-02"))
}

func (r results) machineTable() table {
	t := table{header: []string{"", ""}}
	for _, row := range machine() {
		t.add(row[0], row[1])
	}
	t.add("Date", r.date.UTC().Format("2006-01-02 15:04 MST"))
	return t
}

func (r results) singleTable() table {
	t := table{header: []string{"Client", "Wall time", "Peak RSS", "vs curl", "vs raw Go", "vs argo CLI"}}
	curl, floor, argo := float64(r.single.curl.medianWall()), float64(r.single.floor.medianWall()), float64(r.single.argo.medianWall())
	for _, f := range r.single.figures {
		wall := float64(f.series.medianWall())
		t.add(f.name, formatDuration(f.series.medianWall()), formatMiB(f.series.medianRSS()),
			formatRatio(ratio(wall, curl)), formatRatio(ratio(wall, floor)), formatRatio(ratio(wall, argo)))
	}
	return t
}

func (r results) singleNote() string {
	trust := "`SSL_CERT_FILE` set to the Argo Server's CA (Go's system roots on Linux): verified TLS, as the plugin's `--argo-ca-file`"
	if !r.single.argoVerifiesTLS {
		trust = "`ARGO_INSECURE_SKIP_VERIFY=true` (it rejected `SSL_CERT_FILE`): no certificate verification, which flatters it slightly"
	}
	return "The argo CLI runs with `ARGO_SERVER`, `ARGO_TOKEN=Bearer …`, `ARGO_SECURE=true` and " + trust +
		". curl and the raw Go client (hack/bench/rawclient) each do one TLS POST of the same JSON with the same token. " +
		"curl is the floor the targets name; the raw Go client, which skips curl's own start-up, is a stricter one.\n"
}

func (r results) tokenTable() table {
	given := float64(r.single.plugin.medianWall())
	t := table{header: []string{"Plugin token", "Wall time", "Peak RSS", "vs given token"}}
	t.add("`ARGO_TOKEN` given (from above)", formatDuration(r.single.plugin.medianWall()), formatMiB(r.single.plugin.medianRSS()), "1.00×")
	for _, f := range []figure{
		{"`--token-service-account`, cold (fresh `KUBECACHEDIR`: one TokenRequest)", r.token.cold},
		{"`--token-service-account`, cached (shared `KUBECACHEDIR`: no Kubernetes call)", r.token.cached},
	} {
		t.add(f.name, formatDuration(f.series.medianWall()), formatMiB(f.series.medianRSS()),
			formatRatio(ratio(float64(f.series.medianWall()), given)))
	}
	return t
}

func (r results) tokenNote() string {
	verdict := "so the cached runs made none"
	if r.token.tokenRequests != r.token.expected {
		verdict = "**not the expected count**"
	}
	return fmt.Sprintf("The API server's audit log shows %d TokenRequests over these rounds, %d expected (one per cold run, warm-up included, and one for the cached warm-up): %s.\n",
		r.token.tokenRequests, r.token.expected, verdict)
}

func (r results) batchTable() table {
	t := table{header: []string{"Workflows", "Client", "Wall time", "Workflows/s", "Peak RSS", "vs ceiling"}}
	for _, b := range r.batches {
		ceiling := throughput(b.size, b.ceiling)
		for _, f := range []figure{
			{"kubectl-argo_submit, " + b.pluginMode, b.plugin},
			{"argo submit (one file after another)", b.argo},
			{fmt.Sprintf("raw Go client, %d workers (ceiling)", ceilingWorkers), b.ceiling},
		} {
			tp := throughput(b.size, f.series)
			t.add(fmt.Sprint(b.size), f.name, formatDuration(f.series.medianWall()), fmt.Sprintf("%.0f", tp),
				formatMiB(f.series.medianRSS()), formatPercent(ratio(tp, ceiling)))
		}
	}
	return t
}

func (r results) batchNote() string {
	note := "Each batch is one call with one file per workflow. Before each run every workflow is deleted; after it they are counted through the Kubernetes API: every run had each workflow exactly once (0 duplicates, 0 missing). The raw client retries a create the Argo Server refuses with 429 Too Many Requests (its per-client-IP rate limit, `argo server --api-rate-limit`, 1000 requests/s by default), as any parallel client must. " +
		"That limit is the ceiling here: an HTTP create takes two of those tokens here (the HTTP middleware's, keyed by the client's address, then the gRPC interceptor's behind the gateway, keyed by the gateway's own loopback address: on loopback both are 127.0.0.1), " +
		"so about 500 creates pass per one-second window and the rest wait for the next; where a batch falls against those windows makes most of the spread between runs.\n"
	if r.batchSkip != "" {
		note += "\n" + r.batchSkip + "\n"
	}
	return note
}

// throughput is workflows per second at the median wall time.
func throughput(n int, s series) float64 {
	return ratio(float64(n), s.medianWall().Seconds())
}

func (r results) startupTable() table {
	t := table{header: []string{"", ""}}
	t.add("Plugin release binary", formatMB(r.startup.pluginSize)+" ("+formatMiB(r.startup.pluginSize)+")")
	t.add("argo CLI v3.7.18 binary (also stripped)", formatMB(r.startup.argoSize)+" ("+formatMiB(r.startup.argoSize)+")")
	for _, f := range r.startup.figures {
		t.add(f.name, formatDuration(f.series.medianWall())+", "+formatMiB(f.series.medianRSS()))
	}
	return t
}

func (r results) targetTable() table {
	t := table{header: []string{"Target", "Measured", "Limit", "Verdict"}}
	plugin := float64(r.single.plugin.medianWall())
	vsCurl := ratio(plugin, float64(r.single.curl.medianWall()))
	vsFloor := ratio(plugin, float64(r.single.floor.medianWall()))
	vsArgo := ratio(plugin, float64(r.single.argo.medianWall()))
	t.add("One submission vs the curl floor", formatRatio(vsCurl), fmt.Sprintf("≤ %.1f×", maxVsFloor), verdict(vsCurl <= maxVsFloor))
	t.add("One submission vs the raw Go client (stricter)", formatRatio(vsFloor), fmt.Sprintf("≤ %.1f×", maxVsFloor), verdict(vsFloor <= maxVsFloor))
	t.add("One submission vs the argo CLI", formatRatio(vsArgo), fmt.Sprintf("≤ %.1f×", maxVsArgo), verdict(vsArgo <= maxVsArgo))
	rss := r.single.plugin.medianRSS()
	t.add("Plugin peak RSS, one submission", formatMiB(rss), "≤ 35 MiB", verdict(rss <= maxRSSBytes))
	size := r.startup.pluginSize
	t.add("Plugin release binary", formatMB(size), "≤ 40 MB", verdict(float64(size) <= maxBinaryBytes))
	for _, b := range r.batches {
		share := ratio(throughput(b.size, b.plugin), throughput(b.size, b.ceiling))
		t.add(fmt.Sprintf("Batch of %d vs the ceiling, plugin %s", b.size, b.pluginMode), formatPercent(share), "≥ 80 %", verdict(share >= minBatchVsCeiling))
	}
	return t
}
