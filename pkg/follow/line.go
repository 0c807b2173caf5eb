package follow

import (
	"strings"
	"time"
)

// workflowResource prefixes names the way kubectl prints created objects.
const workflowResource = "workflow.argoproj.io/"

// FinishedLine is the one-line summary printed by --wait as each workflow ends:
// "workflow.argoproj.io/hello-x7k2p Succeeded in 1m2s" plus ": <message>" when there is one.
func FinishedLine(s Status, now time.Time) string {
	return workflowResource + s.Name + " " + orPending(s.Phase) + " in " + formatDuration(s.Duration(now)) + withMessage(s.Message)
}

// formatDuration shows whole seconds ("1m2s"): sub-second precision is noise next to pod start-up.
func formatDuration(d time.Duration) string {
	return max(d, 0).Round(time.Second).String()
}

// withMessage is ": message", or "" when there is none. Messages are one line here: a multi-line
// message would break line-oriented output.
func withMessage(message string) string {
	if message == "" {
		return ""
	}
	return ": " + oneLine(message)
}

// oneLine joins a text's lines with spaces.
func oneLine(text string) string {
	return strings.Join(strings.Fields(text), " ")
}
