package workflow

import (
	"reflect"
	"testing"
)

func TestParseParameters(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   []Parameter
	}{
		{"none", nil, []Parameter{}},
		{"simple", []string{"message=hello"}, []Parameter{{"message", "hello"}}},
		{"split on the first =", []string{"query=a=b=c"}, []Parameter{{"query", "a=b=c"}}},
		{"empty value", []string{"message="}, []Parameter{{"message", ""}}},
		{"order and repeats kept", []string{"b=1", "a=2", "b=3"}, []Parameter{{"b", "1"}, {"a", "2"}, {"b", "3"}}},
		{"spaces are part of the value", []string{"msg= hi there "}, []Parameter{{"msg", " hi there "}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseParameters(tt.values)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseParametersErrors(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   string
	}{
		{"no =", []string{"ok=1", "message"}, `invalid parameter "message": expected NAME=VALUE`},
		{"empty name", []string{"=hello"}, `invalid parameter "=hello"`},
		{"empty string", []string{""}, `invalid parameter ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseParameters(tt.values)
			wantErrors(t, err, tt.want)
			if got != nil {
				t.Errorf("got parameters %v with an error", got)
			}
		})
	}
}

func TestParseParameterFile(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []Parameter
	}{
		{"string", "message: hello world\n", []Parameter{{"message", "hello world"}}},
		{"quoted number stays text", "version: \"1.10\"\n", []Parameter{{"version", "1.10"}}},
		{"integer", "count: 3\n", []Parameter{{"count", "3"}}},
		{"float", "ratio: 1.5\n", []Parameter{{"ratio", "1.5"}}},
		{"large integer", "big: 9007199254740993\n", []Parameter{{"big", "9007199254740993"}}},
		{"boolean", "dry: true\n", []Parameter{{"dry", "true"}}},
		{"YAML 1.1 boolean word", "answer: yes\nquoted: \"yes\"\n", []Parameter{{"answer", "true"}, {"quoted", "yes"}}},
		{"null is empty", "empty:\nnothing: null\n", []Parameter{{"empty", ""}, {"nothing", ""}}},
		{"list as JSON", "items: [a, 1, true]\n", []Parameter{{"items", `["a",1,true]`}}},
		{"map as JSON with sorted keys", "config:\n  z: 1\n  a: {b: c}\n", []Parameter{{"config", `{"a":{"b":"c"},"z":1}`}}},
		{"multi-line string", "script: |\n  echo a\n  echo b\n", []Parameter{{"script", "echo a\necho b\n"}}},
		{"sorted by name", "b: 2\nc: 3\na: 1\n", []Parameter{{"a", "1"}, {"b", "2"}, {"c", "3"}}},
		{"JSON file", `{"message": "hi", "count": 2}`, []Parameter{{"count", "2"}, {"message", "hi"}}},
		{"empty file", "", nil},
		{"comments only", "# no parameters yet\n", nil},
		{"empty map", "{}", []Parameter{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseParameterFile("params.yaml", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestParseParameterFileErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"list", "- a\n- b\n", "params.yaml: a parameter file must be a map of parameter name to value (like `message: hello`), not a list"},
		{"scalar", "hello\n", "params.yaml: a parameter file must be a map"},
		{"syntax error with line", "a: 1\nb: [\n", "params.yaml: invalid YAML: line 2"},
		{"duplicate name", "a: 1\na: 2\n", `params.yaml: invalid YAML: unmarshal errors: line 2: key "a" already set`},
		{"empty name", "\"\": 1\n", "params.yaml: a parameter name is empty"},
		{"two documents", "a: 1\n---\nb: 2\n", "params.yaml: invalid YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseParameterFile("params.yaml", []byte(tt.data))
			wantErrors(t, err, tt.want)
		})
	}
	_, err := ParseParameterFile("-", []byte("[]"))
	wantErrors(t, err, "standard input: a parameter file must be a map")
}

func TestMergeParameters(t *testing.T) {
	tests := []struct {
		name      string
		fromFile  []Parameter
		fromFlags []Parameter
		want      []Parameter
	}{
		{"none", nil, nil, []Parameter{}},
		{"file only", []Parameter{{"a", "1"}, {"b", "2"}}, nil, []Parameter{{"a", "1"}, {"b", "2"}}},
		{"flags only", nil, []Parameter{{"b", "2"}, {"a", "1"}}, []Parameter{{"b", "2"}, {"a", "1"}}},
		{"flag overrides in place, new flags follow",
			[]Parameter{{"a", "1"}, {"b", "2"}, {"c", "3"}},
			[]Parameter{{"d", "4"}, {"b", "flag"}},
			[]Parameter{{"a", "1"}, {"b", "flag"}, {"c", "3"}, {"d", "4"}}},
		{"a repeated flag: the last wins", nil, []Parameter{{"a", "1"}, {"a", "2"}}, []Parameter{{"a", "2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fileBefore := append([]Parameter(nil), tt.fromFile...)
			flagsBefore := append([]Parameter(nil), tt.fromFlags...)
			got := MergeParameters(tt.fromFile, tt.fromFlags)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(tt.fromFile, fileBefore) || !reflect.DeepEqual(tt.fromFlags, flagsBefore) {
				t.Error("MergeParameters modified its inputs")
			}
		})
	}
}
