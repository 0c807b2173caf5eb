package workflow

import (
	"bytes"
	"regexp"
	"strconv"
)

// yamlChunk is the text of one document of a YAML stream.
type yamlChunk struct {
	text      []byte
	firstLine int  // 1-based line of the file on which text starts
	explicit  bool // begins with a `---` marker, so it is a document even when empty
}

// splitYAML cuts a YAML stream into documents at the `---` and `...` markers
// that start a line, as YAML itself does. We split ourselves, rather than let
// the YAML library walk the stream, so that a syntax error in one document
// does not hide the documents after it, and so that each chunk knows its
// first line for error messages.
func splitYAML(data []byte) []yamlChunk {
	var chunks []yamlChunk
	current := yamlChunk{firstLine: 1}
	start, line := 0, 1
	for pos := 0; pos < len(data); line++ {
		next := lineEnd(data, pos)
		switch {
		case isMarkerLine(data[pos:next], "---"):
			// The marker stays in the new chunk: `--- {a: 1}` carries content.
			chunks = append(chunks, withText(current, data[start:pos]))
			current, start = yamlChunk{firstLine: line, explicit: true}, pos
		case isMarkerLine(data[pos:next], "..."):
			// `...` ends the document; what follows needs no `---` to be one.
			chunks = append(chunks, withText(current, data[start:next]))
			current, start = yamlChunk{firstLine: line + 1}, next
		}
		pos = next
	}
	return append(chunks, withText(current, data[start:]))
}

// lineEnd returns the offset just past the line that starts at pos.
func lineEnd(data []byte, pos int) int {
	if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
		return pos + i + 1
	}
	return len(data)
}

// isMarkerLine reports whether line starts with a document marker; YAML
// requires whitespace (or the end of the line) after it.
func isMarkerLine(line []byte, marker string) bool {
	if !bytes.HasPrefix(line, []byte(marker)) {
		return false
	}
	rest := line[len(marker):]
	return len(rest) == 0 || bytes.IndexByte([]byte(" \t\r\n"), rest[0]) >= 0
}

func withText(c yamlChunk, text []byte) yamlChunk {
	c.text = text
	return c
}

// chunkLine finds the "line N" the YAML library puts in its messages.
var chunkLine = regexp.MustCompile(`\bline (\d+)\b`)

// fileLines rewrites the chunk-relative line numbers of a YAML error message
// into line numbers of the whole file, which is what the user can jump to.
func fileLines(message string, firstLine int) string {
	return chunkLine.ReplaceAllStringFunc(message, func(match string) string {
		n, err := strconv.Atoi(match[len("line "):])
		if err != nil {
			return match
		}
		return "line " + strconv.Itoa(n+firstLine-1)
	})
}
