package follow

import (
	"strings"
	"testing"
)

func TestRenderTree(t *testing.T) {
	s := StatusOf(readWorkflow(t, "steps-and-dag.json"))
	now := at("10:01:00")
	plain := RenderTree(s, now, false)
	checkGolden(t, "tree.golden", plain)
	if strings.Contains(plain, "\x1b") {
		t.Errorf("RenderTree without color has escape codes:\n%q", plain)
	}
	colored := RenderTree(s, now, true)
	checkGolden(t, "tree-color.golden", colored)
	if stripANSI(colored) != plain {
		t.Errorf("the colored tree differs from the plain one in more than color:\n%s", colored)
	}
	if again := RenderTree(s, now, true); again != colored {
		t.Error("RenderTree is not deterministic")
	}
}

func TestRenderTreeOfNewWorkflow(t *testing.T) {
	s := Status{Ref: Ref{Namespace: "argo", Name: "hello-x7k2p"}, Phase: "Pending", CreatedAt: at("10:00:00")}
	want := "Name:           hello-x7k2p\n" +
		"Namespace:      argo\n" +
		"Status:         Pending\n" +
		"Created:        Sat Mar 01 10:00:00 +0000 (5s ago)\n" +
		"Duration:       5s\n"
	if got := RenderTree(s, at("10:00:05"), false); got != want {
		t.Errorf("RenderTree =\n%s\nwant\n%s", got, want)
	}
}

func TestRenderTreeSurvivesMalformedGraphs(t *testing.T) {
	s := Status{Ref: Ref{Name: "loop"}, Phase: "Running", Nodes: map[string]Node{
		"self": {ID: "self", Name: "self", BoundaryID: "self", Children: []string{"self"}},
		"a":    {ID: "a", Name: "a", BoundaryID: "b"},
		"b":    {ID: "b", Name: "b", BoundaryID: "a"},
	}}
	got := RenderTree(s, at("10:00:00"), false)
	if !strings.Contains(got, "◷ self") {
		t.Errorf("RenderTree of a self-parented node:\n%s", got)
	}
}

func TestScreenRowsCountsWrappedLines(t *testing.T) {
	block := "\x1b[32m✔\x1b[0m 1234\n" + strings.Repeat("x", 25) + "\n\n"
	if got := screenRows(block, 10); got != 1+3+1 {
		t.Errorf("screenRows = %d, want 5", got)
	}
	if got := screenRows(block, 0); got != 3 {
		t.Errorf("screenRows without a width = %d, want 3", got)
	}
}

// stripANSI removes CSI sequences.
func stripANSI(text string) string {
	var plain strings.Builder
	for i := 0; i < len(text); {
		if strings.HasPrefix(text[i:], "\x1b[") {
			i += csiLength(text[i:])
			continue
		}
		plain.WriteByte(text[i])
		i++
	}
	return plain.String()
}
