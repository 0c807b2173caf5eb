package main

import "strings"

// table is a Markdown table: a header row and rows of the same width.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// markdown renders the table with a separator row; a pipe inside a cell is escaped so that it cannot
// split the cell.
func (t table) markdown() string {
	var b strings.Builder
	writeRow(&b, t.header)
	separator := make([]string, len(t.header))
	for i := range separator {
		separator[i] = "---"
	}
	writeRow(&b, separator)
	for _, row := range t.rows {
		writeRow(&b, row)
	}
	return b.String()
}

func writeRow(b *strings.Builder, cells []string) {
	b.WriteString("|")
	for _, cell := range cells {
		b.WriteString(" " + strings.ReplaceAll(cell, "|", `\|`) + " |")
	}
	b.WriteString("\n")
}
