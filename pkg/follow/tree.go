package follow

import (
	"fmt"
	"strings"
	"time"
)

// timestampLayout shows times as argo's CLI does, with the zone they were read in.
const timestampLayout = "Mon Jan 02 15:04:05 -0700"

// RenderTree renders the argo-style block: the header fields (each only when set), then, once the
// workflow has nodes, the node tree. Colors (ANSI) only when color is true. Deterministic for a given now.
func RenderTree(s Status, now time.Time, color bool) string {
	var block strings.Builder
	writeHeader(&block, s, now, color)
	if len(s.Nodes) > 0 {
		block.WriteString("\n")
		writeTable(&block, treeRows(buildNodeTree(s.Nodes), now), color)
	}
	return block.String()
}

// writeHeader writes the "Label:   value" lines of the fields that are set.
func writeHeader(block *strings.Builder, s Status, now time.Time, color bool) {
	field := func(label, value string) {
		if value != "" {
			fmt.Fprintf(block, "%-16s%s\n", label+":", value)
		}
	}
	field("Name", s.Name)
	field("Namespace", s.Namespace)
	field("ServiceAccount", s.ServiceAccount)
	field("Status", paintPhase(orPending(s.Phase), orPending(s.Phase), color))
	field("Message", oneLine(s.Message))
	field("Created", timestamp(s.CreatedAt, now))
	field("Started", timestamp(s.StartedAt, now))
	field("Finished", timestamp(s.FinishedAt, now))
	if !s.StartedAt.IsZero() || !s.CreatedAt.IsZero() {
		field("Duration", formatDuration(s.Duration(now)))
	}
	field("Progress", s.Progress)
}

// timestamp is t with its age, "" when unset.
func timestamp(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(timestampLayout) + " (" + formatDuration(now.Sub(t)) + " ago)"
}
