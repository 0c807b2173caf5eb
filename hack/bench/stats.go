package main

import (
	"fmt"
	"slices"
	"time"
)

// sample is one measured process run: its wall time and peak resident memory.
type sample struct {
	wall   time.Duration
	maxRSS int64 // bytes
}

// series is the samples of one tool in one scenario.
type series []sample

// medianWall is the median wall time: robust to the odd slow run on a shared machine.
func (s series) medianWall() time.Duration {
	walls := make([]float64, len(s))
	for i, x := range s {
		walls[i] = float64(x.wall)
	}
	return time.Duration(median(walls))
}

// medianRSS is the median peak RSS in bytes.
func (s series) medianRSS() int64 {
	rss := make([]float64, len(s))
	for i, x := range s {
		rss[i] = float64(x.maxRSS)
	}
	return int64(median(rss))
}

// median of values; the mean of the middle two for an even count, 0 for none.
func median(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	mid := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[mid]
	}
	return (sorted[mid-1] + sorted[mid]) / 2
}

// ratio is a/b, or 0 when b is 0 (a figure that could not be measured).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func formatRatio(r float64) string {
	if r == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", r)
}

func formatPercent(r float64) string {
	if r == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f %%", 100*r)
}

// formatDuration shows milliseconds to one decimal below 10 s, seconds above.
func formatDuration(d time.Duration) string {
	if d >= 10*time.Second {
		return fmt.Sprintf("%.2f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func formatMiB(bytes int64) string {
	if bytes == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f MiB", float64(bytes)/(1<<20))
}

// formatMB is decimal megabytes, the unit the binary-size target is stated in.
func formatMB(bytes int64) string {
	return fmt.Sprintf("%.1f MB", float64(bytes)/1e6)
}

// verdict says whether a figure meets its target.
func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}
