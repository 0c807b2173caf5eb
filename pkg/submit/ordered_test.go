package submit

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestOrderedEmitsInInputOrder(t *testing.T) {
	const n = 20
	var got []int
	started := Ordered(t.Context(), n, 8, func(_ context.Context, i int) (int, bool) {
		// Later indices finish first.
		time.Sleep(time.Duration(n-i) * time.Millisecond)
		return i * 10, false
	}, func(i, v int) {
		if v != i*10 {
			t.Errorf("emit(%d, %d)", i, v)
		}
		got = append(got, i)
	})
	if started != n || len(got) != n || !slices.IsSorted(got) {
		t.Errorf("started %d, emitted %v", started, got)
	}
}

func TestOrderedStopsStartingAfterStop(t *testing.T) {
	var emitted []int
	started := Ordered(t.Context(), 100, 4, func(_ context.Context, i int) (struct{}, bool) {
		return struct{}{}, i == 10
	}, func(i int, _ struct{}) { emitted = append(emitted, i) })
	if started < 11 || started > 14 || len(emitted) != started {
		t.Errorf("started %d, emitted %d; want 11 to 14 (the stopping one and those running)", started, len(emitted))
	}
	for i, v := range emitted {
		if v != i {
			t.Fatalf("emitted %v: not the prefix in order", emitted)
		}
	}
}

func TestOrderedSequential(t *testing.T) {
	running, peak := 0, 0
	Ordered(t.Context(), 5, 1, func(_ context.Context, _ int) (int, bool) {
		running++
		peak = max(peak, running)
		running--
		return 0, false
	}, func(int, int) {})
	if peak != 1 {
		t.Errorf("peak concurrency %d with one worker", peak)
	}
}
