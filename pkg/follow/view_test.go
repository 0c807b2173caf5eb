package follow

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
)

// viewUpdates is a small workflow's life: submitted, two steps, one retried message, done.
func viewUpdates() []Status {
	ref := Ref{Namespace: "argo", Name: "hello-x7k2p"}
	base := Status{Ref: ref, CreatedAt: at("10:00:00"), ServiceAccount: "runner"}
	root := func(phase string, finished time.Time) Node {
		return Node{ID: "hello-x7k2p", Name: "hello-x7k2p", DisplayName: "hello-x7k2p", Type: "Steps", TemplateName: "main",
			Phase: phase, StartedAt: at("10:00:01"), FinishedAt: finished, Children: []string{"g0"}}
	}
	group := Node{ID: "g0", Name: "hello-x7k2p[0]", DisplayName: "[0]", Type: "StepGroup", BoundaryID: "hello-x7k2p",
		Phase: "Running", StartedAt: at("10:00:01"), Children: []string{"a", "b"}}
	step := func(id, phase, message string, started, finished time.Time) Node {
		return Node{ID: "hello-x7k2p-" + id, Name: "hello-x7k2p[0].step-" + id, DisplayName: "step-" + id, Type: "Pod",
			TemplateName: "echo", BoundaryID: "hello-x7k2p", Phase: phase, Message: message, StartedAt: started, FinishedAt: finished}
	}
	nodes := func(list ...Node) map[string]Node {
		byID := map[string]Node{}
		for _, n := range list {
			byID[n.ID] = n
		}
		return byID
	}
	pending := base
	pending.Phase = "Pending"

	started := base
	started.Phase, started.StartedAt, started.Progress = "Running", at("10:00:01"), "0/2"
	started.Nodes = nodes(root("Running", time.Time{}), group,
		step("a", "Running", "", at("10:00:01"), time.Time{}), step("b", "Pending", "PodInitializing", time.Time{}, time.Time{}))

	halfway := started
	halfway.Progress = "1/2"
	halfway.Nodes = nodes(root("Running", time.Time{}), group,
		step("a", "Succeeded", "", at("10:00:01"), at("10:00:04")), step("b", "Running", "", at("10:00:03"), time.Time{}))

	done := halfway
	done.Phase, done.Progress, done.FinishedAt = "Succeeded", "2/2", at("10:01:03")
	done.Nodes = nodes(root("Succeeded", at("10:01:03")), group,
		step("a", "Succeeded", "", at("10:00:01"), at("10:00:04")), step("b", "Succeeded", "", at("10:00:03"), at("10:01:02")))
	return []Status{pending, started, halfway, halfway, done}
}

// playView feeds viewUpdates to a view, the clock advancing 20s per update.
func playView(t *testing.T, tty, noColor bool) string {
	t.Helper()
	var out bytes.Buffer
	clock := at("10:00:00")
	view := NewView(&out, tty, noColor, func() time.Time { return clock })
	for _, s := range viewUpdates() {
		clock = clock.Add(20 * time.Second)
		if err := view.Update(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := view.Done(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestPlainView(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		got := playView(t, false, noColor)
		checkGolden(t, "view-plain.golden", got)
		if strings.Contains(got, "\x1b") {
			t.Errorf("the plain view wrote an escape code (noColor=%v):\n%q", noColor, got)
		}
	}
}

func TestTTYView(t *testing.T) {
	checkGolden(t, "view-tty.golden", playView(t, true, false))
	noColor := playView(t, true, true)
	checkGolden(t, "view-tty-nocolor.golden", noColor)
	colorCode := regexp.MustCompile(`\x1b\[[0-9;]*m`) // SGR only, not the cursor movements
	if colorCode.MatchString(noColor) {
		t.Errorf("the TTY view with noColor wrote colors:\n%q", noColor)
	}
}
