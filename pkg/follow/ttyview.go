package follow

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
)

// ttyView redraws the RenderTree block in place on a terminal.
type ttyView struct {
	out       io.Writer
	color     bool
	now       func() time.Time
	rowsShown int // terminal rows the last block took, to move back over
}

func (v *ttyView) Update(s Status) error {
	block := RenderTree(s, v.now(), v.color)
	var frame strings.Builder
	if v.rowsShown > 0 {
		// Back to the first column, up over the previous block, clear to the end of the screen.
		fmt.Fprintf(&frame, "\r\x1b[%dA\x1b[J", v.rowsShown)
	}
	frame.WriteString(block)
	v.rowsShown = screenRows(block, terminalWidth(v.out))
	_, err := io.WriteString(v.out, frame.String()) // one write, so the terminal never shows half a frame
	return err
}

// Done leaves the last block on screen; it ends in a newline, so there is nothing to flush.
func (v *ttyView) Done() error { return nil }

// terminalWidth is the column count of out when it is a terminal, 0 when unknown. It is asked on
// every update, as the window may be resized.
func terminalWidth(out io.Writer) int {
	file, ok := out.(*os.File)
	if !ok || !term.IsTerminal(int(file.Fd())) {
		return 0
	}
	width, _, err := term.GetSize(int(file.Fd()))
	if err != nil {
		return 0
	}
	return width
}

// screenRows is how many terminal rows block takes: lines wider than width wrap onto more rows, and
// moving up too few rows would leave old lines behind. width 0 counts one row per line.
func screenRows(block string, width int) int {
	rows := 0
	for _, line := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		columns := visibleWidth(line)
		if width <= 0 || columns <= width {
			rows++
		} else {
			rows += (columns + width - 1) / width
		}
	}
	return rows
}

// visibleWidth counts the runes of line outside ANSI CSI sequences (ESC '[' … final byte).
func visibleWidth(line string) int {
	width := 0
	for i := 0; i < len(line); {
		if strings.HasPrefix(line[i:], "\x1b[") {
			i += csiLength(line[i:])
			continue
		}
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
		width++
	}
	return width
}

// csiLength is the byte length of the CSI sequence sequence starts with, through its final byte
// (0x40–0x7E), or all of it when unterminated.
func csiLength(sequence string) int {
	for i := 2; i < len(sequence); i++ {
		if sequence[i] >= 0x40 && sequence[i] <= 0x7e {
			return i + 1
		}
	}
	return len(sequence)
}
