// Package klogtest captures klog's process-wide output in tests, at the most verbose level, so that
// tests can check what would reach a user's terminal at -v=10.
package klogtest

import (
	"bytes"
	"flag"
	"sync"
	"testing"

	"k8s.io/klog/v2"
)

// Buffer is safe for klog's concurrent writes.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Verbose sends klog's output at -v=10 through filter (nil: none) into the returned buffer and
// restores every klog setting when the test ends.
func Verbose(t testing.TB, filter klog.LogFilter) *Buffer {
	t.Helper()
	state := klog.CaptureState()
	t.Cleanup(func() {
		klog.Flush()
		state.Restore()
	})
	var flags flag.FlagSet
	klog.InitFlags(&flags)
	for name, value := range map[string]string{"v": "10", "logtostderr": "false", "alsologtostderr": "false", "stderrthreshold": "FATAL"} {
		if err := flags.Set(name, value); err != nil {
			t.Fatal(err)
		}
	}
	out := &Buffer{}
	klog.SetOutput(out)
	klog.LogToStderr(false)
	klog.SetLogFilter(filter)
	return out
}
