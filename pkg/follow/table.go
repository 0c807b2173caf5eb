package follow

import (
	"strings"
	"time"
	"unicode/utf8"
)

// columnCount is the number of columns of the node table.
const columnCount = 5

// tableTitles head the node table. The third column is the node ID, which is the pod name only under
// Argo's v1 pod naming; v2 names add a hash this plugin does not reimplement.
func tableTitles() [columnCount]string {
	return [columnCount]string{"STEP", "TEMPLATE", "NODE ID", "DURATION", "MESSAGE"}
}

// columnGap separates the table's columns.
const columnGap = "  "

// treeRow is one node's line of the table.
type treeRow struct {
	branch string // tree drawing before the phase symbol, e.g. " │ ├─"
	phase  string
	name   string
	cells  [columnCount]string // plain text; the STEP cell is branch, symbol and name
}

// coloredStep is the STEP cell with its phase symbol in color.
func (r treeRow) coloredStep() string {
	return r.branch + paintPhase(r.phase, phaseSymbol(r.phase), true) + " " + r.name
}

// treeWalk collects the rows of a nodeTree depth-first.
type treeWalk struct {
	tree    nodeTree
	now     time.Time
	rows    []treeRow
	visited map[string]bool // guards against malformed graphs that list a node twice
}

func treeRows(tree nodeTree, now time.Time) []treeRow {
	walk := &treeWalk{tree: tree, now: now, visited: map[string]bool{}}
	for _, root := range tree.roots {
		walk.visit(root, " ", " ")
	}
	return walk.rows
}

// visit adds node's row, drawn after branch, then its children's, indented by indent.
func (w *treeWalk) visit(node Node, branch, indent string) {
	if w.visited[node.ID] {
		return
	}
	w.visited[node.ID] = true
	w.rows = append(w.rows, w.rowOf(node, branch))
	children := w.tree.children[node.ID]
	for i, child := range children {
		if i == len(children)-1 {
			w.visit(child, indent+"└─", indent+"  ")
		} else {
			w.visit(child, indent+"├─", indent+"│ ")
		}
	}
}

func (w *treeWalk) rowOf(node Node, branch string) treeRow {
	row := treeRow{branch: branch, phase: node.Phase, name: displayName(node)}
	row.cells[0] = branch + phaseSymbol(node.Phase) + " " + row.name
	row.cells[1] = node.TemplateName
	if node.Type == nodeTypePod {
		row.cells[2] = node.ID
	}
	if !node.StartedAt.IsZero() {
		row.cells[3] = formatDuration(node.Duration(w.now))
	}
	row.cells[4] = oneLine(node.Message)
	return row
}

// writeTable writes the header and rows in aligned columns; widths come from the plain text, so the
// color codes added to the phase symbols do not shift anything.
func writeTable(block *strings.Builder, rows []treeRow, color bool) {
	titles := tableTitles()
	widths := columnWidths(titles, rows)
	writeLine(block, titles, titles[0], widths)
	for _, row := range rows {
		step := row.cells[0]
		if color {
			step = row.coloredStep()
		}
		writeLine(block, row.cells, step, widths)
	}
}

// writeLine writes cells padded to widths, showing first instead of cells[0] (its colored form).
func writeLine(block *strings.Builder, cells [columnCount]string, first string, widths [columnCount]int) {
	var line strings.Builder
	for i, cell := range cells {
		shown := cell
		if i == 0 {
			shown = first
		}
		line.WriteString(shown)
		if i < len(cells)-1 {
			line.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell)) + columnGap)
		}
	}
	block.WriteString(strings.TrimRight(line.String(), " ") + "\n")
}

// columnWidths is the widest plain text of each column, in runes (the tree drawing and phase
// symbols are one column wide each).
func columnWidths(titles [columnCount]string, rows []treeRow) [columnCount]int {
	var widths [columnCount]int
	for i, title := range titles {
		widths[i] = utf8.RuneCountInString(title)
	}
	for _, row := range rows {
		for i, cell := range row.cells {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	return widths
}
