package follow

import (
	"io"
	"strings"
	"time"
)

// plainView prints a line when the workflow's phase, progress or message changes
// ("hello-x7k2p Running 1/3 12s: message") and one per node whose phase changes
// ("  hello-x7k2p.step-a Succeeded 3s"), for logs and pipes.
type plainView struct {
	out   io.Writer
	now   func() time.Time
	shown Status // the last status printed
	begun bool   // shown is set
}

func (v *plainView) Update(s Status) error {
	now := v.now()
	var lines strings.Builder
	if !v.begun || workflowLineChanged(v.shown, s) {
		lines.WriteString(workflowLine(s, now))
	}
	for _, node := range changedNodes(v.shown, s) {
		lines.WriteString(nodeLine(node, now))
	}
	v.shown, v.begun = s, true
	if lines.Len() == 0 {
		return nil
	}
	_, err := io.WriteString(v.out, lines.String())
	return err
}

// Done has nothing to flush: every line was written whole.
func (v *plainView) Done() error { return nil }

func workflowLineChanged(prev, next Status) bool {
	return prev.Phase != next.Phase || prev.Progress != next.Progress || prev.Message != next.Message
}

// workflowLine is "name Phase progress duration: message\n", leaving out what is unset.
func workflowLine(s Status, now time.Time) string {
	words := []string{s.Name, orPending(s.Phase)}
	if s.Progress != "" {
		words = append(words, s.Progress)
	}
	words = append(words, formatDuration(s.Duration(now)))
	return strings.Join(words, " ") + withMessage(s.Message) + "\n"
}

// nodeLine is "  node-name Phase duration: message\n"; a node that has not started has no duration.
func nodeLine(node Node, now time.Time) string {
	words := []string{" ", node.Name, node.Phase}
	if !node.StartedAt.IsZero() {
		words = append(words, formatDuration(node.Duration(now)))
	}
	return strings.Join(words, " ") + withMessage(node.Message) + "\n"
}

// changedNodes are next's nodes that are new or changed phase since prev, in start order. Step groups
// ("[0]") and the workflow's own node repeat what other lines say, so they are left out.
func changedNodes(prev, next Status) []Node {
	var changed []Node
	for id, node := range next.Nodes {
		if node.Type == nodeTypeStepGroup || node.Name == next.Name {
			continue
		}
		if before, ok := prev.Nodes[id]; !ok || before.Phase != node.Phase {
			changed = append(changed, node)
		}
	}
	sortNodes(changed)
	return changed
}
