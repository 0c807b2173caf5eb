package cmd

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/follow"
)

// tickingView serializes a follow.View's updates and, on a terminal, redraws the last status every
// interval so that durations move while nothing else changes.
type tickingView struct {
	mu     sync.Mutex
	view   follow.View
	last   *follow.Status
	errOut io.Writer
	stop   chan struct{}
	done   chan struct{}
}

// newTickingView redraws every interval; 0 never (not a terminal: a line per change only).
func newTickingView(view follow.View, interval time.Duration, errOut io.Writer) *tickingView {
	v := &tickingView{view: view, errOut: errOut, stop: make(chan struct{}), done: make(chan struct{})}
	if interval <= 0 {
		close(v.done)
		return v
	}
	go v.tick(interval)
	return v
}

func (v *tickingView) tick(every time.Duration) {
	defer close(v.done)
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	for {
		select {
		case <-v.stop:
			return
		case <-ticker.C:
			v.mu.Lock()
			if v.last != nil {
				v.show(*v.last)
			}
			v.mu.Unlock()
		}
	}
}

// Update shows s and remembers it for the next tick.
func (v *tickingView) Update(s follow.Status) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.last = &s
	v.show(s)
}

func (v *tickingView) show(s follow.Status) {
	if err := v.view.Update(s); err != nil {
		fmt.Fprintf(v.errOut, "warning: %v\n", err)
	}
}

// Done stops the ticks and flushes the view.
func (v *tickingView) Done() error {
	close(v.stop)
	<-v.done
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.view.Done()
}
