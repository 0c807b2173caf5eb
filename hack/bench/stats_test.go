package main

import (
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		values []float64
		want   float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(c.values); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.values, got, c.want)
		}
	}
	values := []float64{3, 1, 2}
	median(values)
	if values[0] != 3 {
		t.Error("median sorted its argument in place")
	}
}

func TestSeriesMedians(t *testing.T) {
	s := series{{wall: 30 * time.Millisecond, maxRSS: 3 << 20}, {wall: 10 * time.Millisecond, maxRSS: 1 << 20}, {wall: 20 * time.Millisecond, maxRSS: 2 << 20}}
	if got := s.medianWall(); got != 20*time.Millisecond {
		t.Errorf("medianWall = %v", got)
	}
	if got := s.medianRSS(); got != 2<<20 {
		t.Errorf("medianRSS = %v", got)
	}
}

func TestFormatting(t *testing.T) {
	for got, want := range map[string]string{
		formatRatio(ratio(13, 10)):               "1.30×",
		formatRatio(ratio(1, 0)):                 "–",
		formatPercent(0.415):                     "42 %",
		formatDuration(13600 * time.Microsecond): "13.6 ms",
		formatDuration(12 * time.Second):         "12.00 s",
		formatMiB(35 << 20):                      "35.0 MiB",
		formatMiB(0):                             "–",
		formatMB(40_400_000):                     "40.4 MB",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

func TestTableMarkdown(t *testing.T) {
	tb := table{header: []string{"Client", "Wall"}}
	tb.add("a|b", "1 ms")
	want := "| Client | Wall |\n| --- | --- |\n| a\\|b | 1 ms |\n"
	if got := tb.markdown(); got != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestBatchProblems(t *testing.T) {
	if err := batchProblems(map[string]int{"0": 1, "1": 1, "2": 1}, 3); err != nil {
		t.Errorf("complete batch: %v", err)
	}
	err := batchProblems(map[string]int{"0": 2, "2": 1}, 3)
	if err == nil || !strings.Contains(err.Error(), "1 duplicates, 1 missing") {
		t.Errorf("duplicate and gap: %v", err)
	}
	if err := batchProblems(map[string]int{"0": 1, "1": 1, "x": 1}, 2); err == nil {
		t.Error("a stray workflow went unnoticed")
	}
}

func TestLargeEstimate(t *testing.T) {
	b := batchResult{size: 200, plugin: series{{wall: time.Second}}, argo: series{{wall: time.Second}}, ceiling: series{{wall: time.Second}}}
	if got := largeEstimate(b, 1000, 3); got != 90*time.Second {
		t.Errorf("largeEstimate = %v, want 1m30s", got)
	}
}
