package follow

import (
	"io"
	"time"
)

// View shows a followed workflow for --watch.
type View interface {
	Update(s Status) error // show the new status
	Done() error           // final flush
}

// NewView returns the TTY view (redraws the whole tree block in place, phases in color unless noColor)
// when tty, else the plain view, which prints one line per change and never an escape code. now
// (default time.Now) dates durations.
func NewView(out io.Writer, tty, noColor bool, now func() time.Time) View {
	if now == nil {
		now = time.Now
	}
	if tty {
		return &ttyView{out: out, color: !noColor, now: now}
	}
	return &plainView{out: out, now: now}
}
