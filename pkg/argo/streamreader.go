package argo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// maxStreamMessage caps one message of an event or log stream. A message can
// hold a whole workflow with a large status, far beyond bufio.Scanner's
// 64 KiB default, but more than this means something is wrong.
const maxStreamMessage = 32 << 20

// streamReadBuffer is the read buffer of a stream; longer lines are joined.
const streamReadBuffer = 64 << 10

// messageReader splits a stream body into JSON messages: the non-blank lines
// of newline-delimited JSON, or the data of server-sent events.
type messageReader struct {
	r         *bufio.Reader
	sse       bool
	limit     int
	delivered bool  // a whole message was returned
	err       error // sticky: no message follows an error or the end
}

// bodyReadError is a failure to read the body: the connection broke, or the
// answer was cut short.
type bodyReadError struct{ err error }

func (e *bodyReadError) Error() string { return e.err.Error() }
func (e *bodyReadError) Unwrap() error { return e.err }

func newMessageReader(body io.Reader, sse bool, limit int) *messageReader {
	return &messageReader{r: bufio.NewReaderSize(body, streamReadBuffer), sse: sse, limit: limit}
}

// next returns the next message; io.EOF at the end of the body.
func (m *messageReader) next() ([]byte, error) {
	if m.err != nil {
		return nil, m.err
	}
	var message []byte
	var err error
	if m.sse {
		message, err = m.nextEvent()
	} else {
		message, err = m.nextLine()
	}
	if err != nil {
		m.err = err
		return nil, err
	}
	m.delivered = true
	return message, nil
}

// nextLine returns the next non-blank line.
func (m *messageReader) nextLine() ([]byte, error) {
	for {
		line, err := m.readLine()
		if err == io.EOF {
			return m.endOfBody(line)
		}
		if err != nil {
			return nil, err
		}
		if line = bytes.TrimSpace(line); len(line) > 0 {
			return line, nil
		}
	}
}

// nextEvent returns the data of the next server-sent event that has some.
// Data lines are joined with "\n"; comments (":" keep-alives) and the other
// fields (event, id, retry) are skipped.
func (m *messageReader) nextEvent() ([]byte, error) {
	var data []byte
	hasData := false
	for {
		line, err := m.readLine()
		if err != nil && err != io.EOF {
			return nil, err
		}
		if value, isData := dataField(line); isData {
			if hasData {
				data = append(append(data, '\n'), value...)
			} else {
				data, hasData = value, true
			}
			if len(data) > m.limit {
				return nil, m.tooLong()
			}
		}
		switch {
		case err == io.EOF:
			return m.endOfBody(data)
		case len(bytes.TrimSpace(line)) > 0:
			// more fields of this event
		case len(bytes.TrimSpace(data)) > 0:
			return bytes.TrimSpace(data), nil
		default:
			data, hasData = nil, false
		}
	}
}

// dataField returns the value of a "data:" line, without the one space that
// may follow the colon.
func dataField(line []byte) ([]byte, bool) {
	value, found := bytes.CutPrefix(bytes.TrimSuffix(line, []byte("\r")), []byte("data"))
	if !found {
		return nil, false
	}
	if len(value) == 0 {
		return value, true
	}
	value, found = bytes.CutPrefix(value, []byte(":"))
	if !found {
		return nil, false // another field whose name starts with "data"
	}
	return bytes.TrimPrefix(value, []byte(" ")), true
}

// readLine returns the next line without its "\n". At the end of the body it
// returns what is left, possibly nothing, with io.EOF.
func (m *messageReader) readLine() ([]byte, error) {
	var line []byte
	for {
		fragment, err := m.r.ReadSlice('\n')
		if len(line)+len(fragment) > m.limit+1 {
			return nil, m.tooLong()
		}
		line = append(line, fragment...)
		switch {
		case err == nil:
			return line[:len(line)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			// a long line: keep reading
		case err == io.EOF:
			return line, io.EOF
		default:
			return nil, &bodyReadError{err: err}
		}
	}
}

// endOfBody ends the stream. pending is an unfinished message, without its
// final newline (NDJSON) or blank line (SSE): complete JSON is still
// delivered. A cut message ends the stream as cleanly once a message was
// delivered; before that the answer was cut short, like a broken connection.
func (m *messageReader) endOfBody(pending []byte) ([]byte, error) {
	m.err = io.EOF
	pending = bytes.TrimSpace(pending)
	switch {
	case len(pending) == 0:
		return nil, io.EOF
	case json.Valid(pending):
		return pending, nil
	case m.delivered:
		return nil, io.EOF
	}
	return nil, &bodyReadError{err: io.ErrUnexpectedEOF}
}

func (m *messageReader) tooLong() error {
	return fmt.Errorf("argo: a message in the Argo Server's stream is longer than %s; giving up on the stream", byteSize(m.limit))
}

// byteSize formats n as MiB when it is a whole number of them.
func byteSize(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
