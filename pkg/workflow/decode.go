package workflow

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	goyaml "go.yaml.in/yaml/v2"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"sigs.k8s.io/yaml"
)

// Decode reads YAML (multi-document, `---`) or JSON (one object, or a JSON
// stream of objects) workflows. A `kind: List` (apiVersion v1) is expanded
// into its items.
//
// Numbering: every YAML document counts, including empty ones (only
// whitespace or comments) between two `---`, so that "document 3" is the
// third document a user counts in an editor. Comments before the first `---`
// are not a document, as in YAML itself. Items of a List count one each.
//
// Decode checks syntax and that each document is an object; whether it is a
// Workflow is Prepare's job. On error it still returns the documents it could
// read, so that a caller can report every problem at once.
func Decode(source string, data []byte) ([]Document, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // editors on Windows add a BOM
	d, ok := decodeJSONStream(source, data)
	if !ok {
		d = decodeYAML(source, data)
	}
	if len(d.docs) == 0 && len(d.errs) == 0 {
		return nil, &InputError{Source: source, Err: errors.New(
			"no workflow found: the input is empty, holds only comments, or is an empty List")}
	}
	return d.docs, errors.Join(d.errs...)
}

// decoder collects the objects of one source and the problems found in it.
type decoder struct {
	source string
	count  int // objects numbered so far, empty documents included
	docs   []Document
	errs   []error
}

// decodeJSONStream reads concatenated JSON objects, which YAML cannot parse.
// It gives up (ok false) on anything that is not such a stream, leaving the
// input to the YAML decoder, which also reads a single JSON object.
func decodeJSONStream(source string, data []byte) (d *decoder, ok bool) {
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("{")) {
		return nil, false
	}
	d = &decoder{source: source}
	stream := json.NewDecoder(bytes.NewReader(data))
	for {
		var raw json.RawMessage
		err := stream.Decode(&raw)
		if err == io.EOF {
			return d, true
		}
		if err != nil {
			return nil, false
		}
		d.addParsed(jsonValue(raw))
	}
}

// decodeYAML reads each `---`-separated document on its own, so that one
// syntax error does not hide the problems of the documents after it.
func decodeYAML(source string, data []byte) *decoder {
	d := &decoder{source: source}
	for _, chunk := range splitYAML(data) {
		value, err := yamlValue(chunk)
		if err == nil && value == nil && !chunk.explicit {
			continue // comments before the first `---` or after a `...`
		}
		d.addParsed(value, err)
	}
	return d
}

// yamlValue parses one YAML document into JSON-compatible values. Duplicate
// keys are an error: YAML forbids them and they are usually a mistake.
func yamlValue(chunk yamlChunk) (any, error) {
	if err := checkSingleDocument(chunk.text); err != nil {
		return nil, yamlError(err, chunk, " (put --- between documents)")
	}
	data, err := yaml.YAMLToJSONStrict(chunk.text)
	if err != nil {
		return nil, yamlError(err, chunk, "")
	}
	return jsonValue(data)
}

// checkSingleDocument catches what YAMLToJSON silently drops: anything after
// a top-level flow value or scalar, like the second object of `{"a":1} {"b":2}`.
func checkSingleDocument(text []byte) error {
	stream := goyaml.NewDecoder(bytes.NewReader(text))
	var ignored any
	if err := stream.Decode(&ignored); err != nil {
		return nil // no document at all, or a syntax error that YAMLToJSON reports
	}
	switch err := stream.Decode(&ignored); err {
	case io.EOF:
		return nil
	case nil:
		return errors.New("more than one document")
	default:
		return err
	}
}

// yamlError words a YAML library error for users, with lines of the whole file.
func yamlError(err error, chunk yamlChunk, hint string) error {
	message := strings.TrimPrefix(err.Error(), "yaml: ")
	message = strings.Join(strings.Fields(message), " ") // some messages span lines
	return fmt.Errorf("invalid YAML: %s%s", fileLines(message, chunk.firstLine), hint)
}

// jsonValue decodes JSON with integers kept as int64, as unstructured objects need.
func jsonValue(data []byte) (any, error) {
	var value any
	if err := utiljson.Unmarshal(data, &value); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	return value, nil
}

func (d *decoder) addParsed(value any, err error) {
	if err != nil {
		d.fail(err)
		return
	}
	d.add(value)
}

// add numbers one parsed document, expanding a List into its items.
func (d *decoder) add(value any) {
	object, isObject := value.(map[string]any)
	switch {
	case value == nil:
		d.count++ // an empty document is skipped but keeps its number
	case isObject && isList(object):
		d.addItems(object["items"])
	case isObject:
		d.count++
		d.docs = append(d.docs, Document{
			Source: d.source,
			Index:  d.count,
			Object: &unstructured.Unstructured{Object: object},
		})
	default:
		d.fail(fmt.Errorf("this is %s, not an object: a workflow is a mapping with apiVersion, kind, metadata and spec",
			describe(value)))
	}
}

func (d *decoder) addItems(items any) {
	list, ok := items.([]any)
	if !ok && items != nil {
		d.fail(fmt.Errorf("the items of this List are %s, not a list", describe(items)))
		return
	}
	for _, item := range list {
		d.add(item)
	}
}

// fail numbers a document that could not be read and records why.
func (d *decoder) fail(err error) {
	d.count++
	d.errs = append(d.errs, &InputError{Source: d.source, Index: d.count, Err: err})
}

// isList tells a `kubectl get -o yaml` style List, whose items are the objects.
func isList(object map[string]any) bool {
	return object["apiVersion"] == "v1" && object["kind"] == "List"
}

// describe names the JSON type of a value for messages.
func describe(value any) string {
	switch value.(type) {
	case nil:
		return "empty"
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}
