package workflow

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Parameter is one workflow argument given on the command line or in a parameter file.
type Parameter struct{ Name, Value string }

// ParseParameters parses -p NAME=VALUE values, split on the first '=' so that
// values may contain '='. An empty name or a missing '=' is an *InputError.
func ParseParameters(values []string) ([]Parameter, error) {
	params := make([]Parameter, 0, len(values))
	for _, value := range values {
		name, text, found := strings.Cut(value, "=")
		if !found || name == "" {
			return nil, &InputError{Err: fmt.Errorf(
				"invalid parameter %q: expected NAME=VALUE, e.g. -p message=hello", value)}
		}
		params = append(params, Parameter{Name: name, Value: text})
	}
	return params, nil
}

// ParseParameterFile parses a --parameter-file: a YAML or JSON map of name to
// value. Strings are used as is, numbers and booleans as their text (3, 1.5,
// true), an empty value as "", and maps and lists as JSON, which is how Argo
// templates read structured parameters. As in YAML 1.1, unquoted yes/no/on/off
// are booleans and become "true"/"false": quote them to keep the words.
// Parameters are sorted by name so the result does not depend on map order.
// An empty file has no parameters.
func ParseParameterFile(source string, data []byte) ([]Parameter, error) {
	chunk := yamlChunk{text: data, firstLine: 1}
	value, err := yamlValue(chunk)
	if err != nil {
		return nil, &InputError{Source: source, Err: err}
	}
	if value == nil {
		return nil, nil
	}
	entries, ok := value.(map[string]any)
	if !ok {
		return nil, &InputError{Source: source, Err: fmt.Errorf(
			"a parameter file must be a map of parameter name to value (like `message: hello`), not %s",
			describe(value))}
	}
	return parametersFromMap(source, entries)
}

func parametersFromMap(source string, entries map[string]any) ([]Parameter, error) {
	params := make([]Parameter, 0, len(entries))
	for name, value := range entries {
		if name == "" {
			return nil, &InputError{Source: source, Err: errors.New("a parameter name is empty")}
		}
		text, err := parameterText(value)
		if err != nil {
			return nil, &InputError{Source: source, Err: fmt.Errorf("parameter %q: %w", name, err)}
		}
		params = append(params, Parameter{Name: name, Value: text})
	}
	sort.Slice(params, func(i, j int) bool { return params[i].Name < params[j].Name })
	return params, nil
}

// parameterText turns a parameter file value into the string Argo expects.
func parameterText(value any) (string, error) {
	switch v := value.(type) {
	case string:
		return v, nil
	case nil:
		return "", nil // `name:` with nothing after it means an empty value
	default:
		// JSON spells numbers and booleans as YAML does, and encodes maps and lists.
		data, err := json.Marshal(v)
		return string(data), err
	}
}

// MergeParameters returns the file's parameters overridden by (and followed by
// new) flag parameters: flags win, and the order of first appearance is kept.
// Neither input slice is modified.
func MergeParameters(fromFile, fromFlags []Parameter) []Parameter {
	merged := make([]Parameter, 0, len(fromFile)+len(fromFlags))
	position := make(map[string]int, cap(merged))
	add := func(param Parameter) {
		if i, seen := position[param.Name]; seen {
			merged[i].Value = param.Value
			return
		}
		position[param.Name] = len(merged)
		merged = append(merged, param)
	}
	for _, param := range fromFile {
		add(param)
	}
	for _, param := range fromFlags {
		add(param)
	}
	return merged
}
