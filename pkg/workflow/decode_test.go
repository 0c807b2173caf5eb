package workflow

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

const (
	wfA = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: a}\nspec: {entrypoint: main}\n"
	wfB = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: b}\nspec: {entrypoint: main}\n"
	wfC = "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: c}\nspec: {entrypoint: main}\n"

	jsonA = `{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"name":"a"},"spec":{}}`
	jsonB = `{"apiVersion":"argoproj.io/v1alpha1","kind":"Workflow","metadata":{"name":"b"},"spec":{}}`
)

// decoded is what a test expects of one document: its number and name.
type decoded struct {
	index int
	name  string
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []decoded
	}{
		{"one YAML document", wfA, []decoded{{1, "a"}}},
		{"several YAML documents", wfA + "---\n" + wfB + "---\n" + wfC, []decoded{{1, "a"}, {2, "b"}, {3, "c"}}},
		{"leading --- does not add a document", "---\n" + wfA + "---\n" + wfB, []decoded{{1, "a"}, {2, "b"}}},
		{"comments before the first --- are not a document", "# header\n\n---\n" + wfA, []decoded{{1, "a"}}},
		{"trailing --- is ignored", wfA + "---\n", []decoded{{1, "a"}}},
		{"empty document between markers keeps its number", wfA + "---\n---\n" + wfB, []decoded{{1, "a"}, {3, "b"}}},
		{"comments-only document keeps its number", wfA + "---\n# later\n  \n---\n" + wfB, []decoded{{1, "a"}, {3, "b"}}},
		{"null document keeps its number", wfA + "--- null\n---\n" + wfB, []decoded{{1, "a"}, {3, "b"}}},
		{"marker followed by a comment", wfA + "--- # second\n" + wfB, []decoded{{1, "a"}, {2, "b"}}},
		{"marker carrying content", "--- {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n--- " + jsonB, []decoded{{1, "x"}, {2, "b"}}},
		{"document end marker then a bare document", wfA + "...\n" + wfB, []decoded{{1, "a"}, {2, "b"}}},
		{"document end marker then comments only", wfA + "...\n# done\n", []decoded{{1, "a"}}},
		{"indented --- is content, not a marker", "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: a}\nspec:\n  x: |\n    ---\n    text\n", []decoded{{1, "a"}}},
		{"CRLF line endings", "apiVersion: v1\r\nkind: Workflow\r\nmetadata: {name: a}\r\n---\r\nmetadata: {name: b}\r\n", []decoded{{1, "a"}, {2, "b"}}},
		{"byte order mark", "\ufeff" + wfA, []decoded{{1, "a"}}},
		{"one JSON object", jsonA, []decoded{{1, "a"}}},
		{"pretty-printed JSON object", "{\n  \"metadata\": {\n    \"name\": \"a\"\n  }\n}\n", []decoded{{1, "a"}}},
		{"JSON stream", jsonA + "\n" + jsonB + "\n", []decoded{{1, "a"}, {2, "b"}}},
		{"JSON stream without separator", " " + jsonA + jsonB, []decoded{{1, "a"}, {2, "b"}}},
		{"JSON documents separated by ---", jsonA + "\n---\n" + jsonB, []decoded{{1, "a"}, {2, "b"}}},
		{"flow-style YAML that is not JSON", "{apiVersion: argoproj.io/v1alpha1, metadata: {name: a}}", []decoded{{1, "a"}}},
		{"List items are numbered as objects", "apiVersion: v1\nkind: List\nitems:\n- " + jsonA + "\n- " + jsonB + "\n---\n" + wfC,
			[]decoded{{1, "a"}, {2, "b"}, {3, "c"}}},
		{"List in a JSON stream", `{"apiVersion":"v1","kind":"List","items":[` + jsonA + `]}` + jsonB, []decoded{{1, "a"}, {2, "b"}}},
		{"nested List is flattened", `{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"List","items":[` + jsonA + `]},` + jsonB + `]}`,
			[]decoded{{1, "a"}, {2, "b"}}},
		{"List of another apiVersion is not expanded", "apiVersion: example.com/v1\nkind: List\nmetadata: {name: l}\nitems: [" + jsonA + "]\n", []decoded{{1, "l"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := mustDecode(t, "wf.yaml", tt.input)
			var got []decoded
			for _, doc := range docs {
				if doc.Source != "wf.yaml" {
					t.Errorf("Source = %q, want wf.yaml", doc.Source)
				}
				got = append(got, decoded{doc.Index, doc.Object.GetName()})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name      string
		input     string
		wantDocs  []decoded // documents still returned next to the error
		fragments []string
	}{
		{"empty input", "", nil, []string{"wf.yaml: no workflow found"}},
		{"whitespace only", " \n  \n", nil, []string{"wf.yaml: no workflow found"}},
		{"comments only", "# nothing\n---\n# still nothing\n", nil, []string{"wf.yaml: no workflow found"}},
		{"empty List", "apiVersion: v1\nkind: List\nitems: []\n", nil, []string{"wf.yaml: no workflow found"}},
		{"YAML syntax error gives the file's line", wfA + "---\n" + "metadata:\n  name: [b\n", []decoded{{1, "a"}},
			[]string{"wf.yaml (document 2): invalid YAML: line 7:"}},
		{"syntax error does not hide later documents", "a: [\n---\n" + wfB + "---\n- x\n", []decoded{{2, "b"}},
			[]string{"wf.yaml (document 1): invalid YAML", "wf.yaml (document 3): this is a list, not an object"}},
		{"duplicate key", wfA + "---\nkind: Workflow\nkind: Workflow\n", []decoded{{1, "a"}},
			[]string{`wf.yaml (document 2): invalid YAML: unmarshal errors: line 7: key "kind" already set`}},
		{"scalar document", "just text\n", nil, []string{"wf.yaml (document 1): this is a string, not an object"}},
		{"number document", "---\n42\n", nil, []string{"wf.yaml (document 1): this is a number, not an object"}},
		{"list document", "- " + jsonA + "\n", nil, []string{"(document 1): this is a list, not an object"}},
		{"content after a flow object", jsonA + "\n  {\"b\": \n", nil, []string{"(document 1): invalid YAML: line 1: did not find expected <document start> (put --- between documents)"}},
		{"garbage after a JSON object", jsonA + "}", nil, []string{"(document 1): invalid YAML:"}},
		{"JSON stream with an array", jsonA + "\n[1]\n", []decoded{{1, "a"}}, []string{"wf.yaml (document 2): this is a list, not an object"}},
		{"JSON number out of range", `{"a": 1e999}` + jsonB, []decoded{{2, "b"}}, []string{"(document 1): invalid"}},
		{"List item that is not an object", "apiVersion: v1\nkind: List\nitems: [" + jsonA + ", 3]\n", []decoded{{1, "a"}},
			[]string{"wf.yaml (document 2): this is a number, not an object"}},
		{"List items that are not a list", "apiVersion: v1\nkind: List\nitems: {a: 1}\n", nil,
			[]string{"wf.yaml (document 1): the items of this List are an object, not a list"}},
		{"self-referencing anchor", "&a [*a]\n", nil, []string{"(document 1): invalid YAML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := Decode("wf.yaml", []byte(tt.input))
			wantErrors(t, err, tt.fragments...)
			var got []decoded
			for _, doc := range docs {
				got = append(got, decoded{doc.Index, doc.Object.GetName()})
			}
			if !reflect.DeepEqual(got, tt.wantDocs) {
				t.Errorf("documents %v, want %v", got, tt.wantDocs)
			}
		})
	}
}

func TestDecodeStandardInputIsNamed(t *testing.T) {
	_, err := Decode("-", []byte("- x\n"))
	wantErrors(t, err, "standard input (document 1): this is a list")
}

func TestDecodeKeepsIntegers(t *testing.T) {
	docs := mustDecode(t, "wf.yaml", "metadata: {name: a}\nspec: {priority: 3, ratio: 1.5}\n")
	if got := field(docs[0].Object, "spec", "priority"); got != int64(3) {
		t.Errorf("priority = %#v, want int64(3)", got)
	}
	if got := field(docs[0].Object, "spec", "ratio"); got != 1.5 {
		t.Errorf("ratio = %#v, want 1.5", got)
	}
}

func TestDecodeTestdata(t *testing.T) {
	tests := []struct {
		file string
		want []decoded
	}{
		{"hello-world.yaml", []decoded{{1, ""}}},
		{"multi.yaml", []decoded{{1, "hello"}, {3, "steps"}}},
		{"list.yaml", []decoded{{1, "first"}, {2, "second"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			docs := mustDecode(t, path, string(data))
			var got []decoded
			for _, doc := range docs {
				got = append(got, decoded{doc.Index, doc.Object.GetName()})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if _, err := Prepare(docs, Options{Namespace: "default"}); err != nil {
				t.Errorf("Prepare: %v", err)
			}
		})
	}
}

func TestWhereAndInputError(t *testing.T) {
	cause := errors.New("bad thing")
	tests := []struct {
		name string
		err  *InputError
		want string
	}{
		{"document of a file", &InputError{Source: "wf.yaml", Index: 2, Err: cause}, "wf.yaml (document 2): bad thing"},
		{"document of standard input", &InputError{Source: "-", Index: 1, Err: cause}, "standard input (document 1): bad thing"},
		{"whole file", &InputError{Source: "wf.yaml", Err: cause}, "wf.yaml: bad thing"},
		{"whole standard input", &InputError{Source: "-", Err: cause}, "standard input: bad thing"},
		{"not tied to a file", &InputError{Err: cause}, "bad thing"},
		{"no cause", &InputError{Source: "wf.yaml"}, "wf.yaml: invalid input"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
	if got := (Document{Source: "-", Index: 3}).Where(); got != "standard input (document 3)" {
		t.Errorf("Where() = %q", got)
	}
	if !errors.Is(&InputError{Err: cause}, cause) {
		t.Error("InputError does not unwrap to its cause")
	}
}

func TestFileLines(t *testing.T) {
	tests := []struct {
		message   string
		firstLine int
		want      string
	}{
		{"line 3: bad", 1, "line 3: bad"},
		{"line 3: bad", 10, "line 12: bad"},
		{"unmarshal errors: line 1: a line 2: b", 5, "unmarshal errors: line 5: a line 6: b"},
		{"no number here", 5, "no number here"},
	}
	for _, tt := range tests {
		if got := fileLines(tt.message, tt.firstLine); got != tt.want {
			t.Errorf("fileLines(%q, %d) = %q, want %q", tt.message, tt.firstLine, got, tt.want)
		}
	}
}
