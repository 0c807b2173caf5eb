package workflow

import (
	"reflect"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

func int32Ptr(v int32) *int32 { return &v }

func TestPrepareRejectsWhatIsNotAWorkflow(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"WorkflowTemplate", "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: my-template}\nspec: {}\n",
			"wf.yaml (document 1): this is a WorkflowTemplate, not a Workflow: apply it to the cluster (kubectl apply -f), then submit it with --from workflowtemplate/my-template"},
		{"ClusterWorkflowTemplate without a name", "apiVersion: argoproj.io/v1alpha1\nkind: ClusterWorkflowTemplate\nspec: {}\n",
			"then submit it with --from clusterworkflowtemplate/NAME"},
		{"CronWorkflow", "apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: {name: nightly}\nspec: {}\n",
			"--from cronworkflow/nightly"},
		{"other kind", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n",
			`kind "Pod" (apiVersion "v1") is not an Argo Workflow: only argoproj.io/v1alpha1 Workflow objects can be submitted`},
		{"Workflow of another version", "apiVersion: argoproj.io/v1beta1\nkind: Workflow\nmetadata: {name: w}\nspec: {}\n",
			`apiVersion "argoproj.io/v1beta1" is not supported: Workflows are argoproj.io/v1alpha1`},
		{"missing apiVersion", "kind: Workflow\nmetadata: {name: w}\nspec: {}\n", "apiVersion is missing"},
		{"missing kind", "apiVersion: argoproj.io/v1alpha1\nmetadata: {name: w}\nspec: {}\n", "kind is missing"},
		{"kind not a string", "apiVersion: argoproj.io/v1alpha1\nkind: [Workflow]\nspec: {}\n", "kind is missing or not a string"},
		{"missing spec", "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\n", "spec is missing"},
		{"spec not an object", "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec: [a]\n",
			"spec must be an object, not a list"},
		{"metadata not an object", "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: w\nspec: {}\n",
			"metadata must be an object, not a string"},
		{"name not a string", "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: 5}\nspec: {}\n",
			"metadata.name must be a string, not a number"},
		{"label value not a string", "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w, labels: {v: 1}}\nspec: {}\n",
			"metadata.labels.v must be a string, not a number (quote it)"},
		{"labels not an object", "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w, labels: [a]}\nspec: {}\n",
			"metadata.labels must be an object, not a list"},
		{"no name nor generateName", workflowYAML("", "", ""),
			"the workflow has neither metadata.name nor metadata.generateName: set one, or pass --name or --generate-name"},
		{"invalid name", workflowYAML("My_Workflow", "", ""), `invalid workflow name "My_Workflow": a lowercase RFC 1123 subdomain`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objects, err := Prepare(mustDecode(t, "wf.yaml", tt.doc), Options{Namespace: "default"})
			wantErrors(t, err, tt.want)
			if objects != nil {
				t.Errorf("got objects %v with an error", objects)
			}
		})
	}
}

func TestPrepareAppliesOptions(t *testing.T) {
	const labelled = "  labels: {app: hello, team: web}\n"
	tests := []struct {
		name  string
		doc   string
		opts  Options
		field []string
		want  any
	}{
		{"entrypoint", workflowYAML("w", "", ""), Options{Entrypoint: "other"}, []string{"spec", "entrypoint"}, "other"},
		{"entrypoint kept without the flag", workflowYAML("w", "", ""), Options{}, []string{"spec", "entrypoint"}, "main"},
		{"service account", workflowYAML("w", "", ""), Options{ServiceAccount: "runner"}, []string{"spec", "serviceAccountName"}, "runner"},
		{"priority", workflowYAML("w", "", ""), Options{Priority: int32Ptr(-7)}, []string{"spec", "priority"}, int64(-7)},
		{"priority zero is set", workflowYAML("w", "", "  priority: 5\n"), Options{Priority: int32Ptr(0)}, []string{"spec", "priority"}, int64(0)},
		{"name", workflowYAML("w", "", ""), Options{Name: "renamed"}, []string{"metadata", "name"}, "renamed"},
		{"generateName", workflowYAML("", "", ""), Options{GenerateName: "run-"}, []string{"metadata", "generateName"}, "run-"},
		{"generateName drops the document's name", workflowYAML("w", "", ""), Options{GenerateName: "run-"}, []string{"metadata", "name"}, nil},
		{"name and generateName together keep the name", workflowYAML("w", "", ""), Options{Name: "n", GenerateName: "run-"},
			[]string{"metadata", "name"}, "n"},
		{"labels merged, flag wins", workflowYAML("w", labelled, ""), Options{Labels: map[string]string{"team": "data", "new": "yes"}},
			[]string{"metadata", "labels"}, map[string]any{"app": "hello", "team": "data", "new": "yes"}},
		{"labels created", workflowYAML("w", "", ""), Options{Labels: map[string]string{"team": "data"}},
			[]string{"metadata", "labels"}, map[string]any{"team": "data"}},
		{"no labels added without the flag", workflowYAML("w", "", ""), Options{}, []string{"metadata", "labels"}, nil},
		{"metadata created", "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec: {}\n", Options{GenerateName: "g-"},
			[]string{"metadata"}, map[string]any{"generateName": "g-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objects, err := Prepare(mustDecode(t, "wf.yaml", tt.doc), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := field(objects[0], tt.field...); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%v = %#v, want %#v", tt.field, got, tt.want)
			}
		})
	}
}

func TestPrepareParameters(t *testing.T) {
	const existing = "  arguments:\n    parameters:\n" +
		"    - {name: message, value: hi, description: what to say}\n" +
		"    - {name: color, enum: [red, green], valueFrom: {configMapKeyRef: {name: c, key: k}}}\n" +
		"    - {name: size, value: \"1\"}\n"
	tests := []struct {
		name   string
		spec   string
		params []Parameter
		want   any
	}{
		{"none leaves arguments alone", existing, nil, []any{
			map[string]any{"name": "message", "value": "hi", "description": "what to say"},
			map[string]any{"name": "color", "enum": []any{"red", "green"}, "valueFrom": map[string]any{"configMapKeyRef": map[string]any{"name": "c", "key": "k"}}},
			map[string]any{"name": "size", "value": "1"},
		}},
		{"replace in place, drop valueFrom, keep enum and description, append new", existing,
			[]Parameter{{"new", "n"}, {"color", "green"}, {"message", "hello"}},
			[]any{
				map[string]any{"name": "message", "value": "hello", "description": "what to say"},
				map[string]any{"name": "color", "value": "green", "enum": []any{"red", "green"}},
				map[string]any{"name": "size", "value": "1"},
				map[string]any{"name": "new", "value": "n"},
			}},
		{"arguments created", "", []Parameter{{"a", "1"}, {"b", "2"}},
			[]any{map[string]any{"name": "a", "value": "1"}, map[string]any{"name": "b", "value": "2"}}},
		{"parameters created next to artifacts", "  arguments: {artifacts: []}\n", []Parameter{{"a", "1"}},
			[]any{map[string]any{"name": "a", "value": "1"}}},
		{"null parameters", "  arguments: {parameters: null}\n", []Parameter{{"a", "1"}},
			[]any{map[string]any{"name": "a", "value": "1"}}},
		{"a repeated parameter is set once", "", []Parameter{{"a", "1"}, {"a", "2"}},
			[]any{map[string]any{"name": "a", "value": "2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objects, err := Prepare(mustDecode(t, "wf.yaml", workflowYAML("w", "", tt.spec)), Options{Parameters: tt.params})
			if err != nil {
				t.Fatal(err)
			}
			if got := field(objects[0], "spec", "arguments", "parameters"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parameters = %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestPrepareParameterErrors(t *testing.T) {
	tests := []struct {
		name string
		spec string
		want string
	}{
		{"arguments not an object", "  arguments: [a]\n", "spec.arguments must be an object, not a list"},
		{"parameters not a list", "  arguments: {parameters: {a: 1}}\n", "spec.arguments.parameters must be a list, not an object"},
		{"parameter not an object", "  arguments: {parameters: [a]}\n", "spec.arguments.parameters[0] must be an object, not a string"},
		{"parameter name not a string", "  arguments: {parameters: [{name: a}, {name: 1}]}\n", "spec.arguments.parameters[1].name must be a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Prepare(mustDecode(t, "wf.yaml", workflowYAML("w", "", tt.spec)), Options{Parameters: []Parameter{{"a", "1"}}})
			wantErrors(t, err, "wf.yaml (document 1): "+tt.want)
		})
	}
}

func TestPrepareNamespace(t *testing.T) {
	tests := []struct {
		name  string
		docNS string
		opts  Options
		want  any    // metadata.namespace after Prepare
		error string // or the error
	}{
		{"set when the document has none", "", Options{Namespace: "team-a"}, "team-a", ""},
		{"set when the document has none, explicit", "", Options{Namespace: "team-a", NamespaceExplicit: true}, "team-a", ""},
		{"document's kept when not explicit", "team-b", Options{Namespace: "default"}, "team-b", ""},
		{"same as explicit", "team-a", Options{Namespace: "team-a", NamespaceExplicit: true}, "team-a", ""},
		{"conflicts with explicit", "team-b", Options{Namespace: "team-a", NamespaceExplicit: true}, nil,
			`wf.yaml (document 1): the namespace from the provided object "team-b" does not match the namespace "team-a". ` +
				`You must pass '--namespace=team-b' to perform this operation.`},
		{"none at all", "", Options{}, nil, ""},
		{"invalid namespace", "Team_B", Options{Namespace: "default"}, nil, `invalid namespace "Team_B"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			extra := ""
			if tt.docNS != "" {
				extra = "  namespace: " + tt.docNS + "\n"
			}
			objects, err := Prepare(mustDecode(t, "wf.yaml", workflowYAML("w", extra, "")), tt.opts)
			if tt.error != "" {
				wantErrors(t, err, tt.error)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := field(objects[0], "metadata", "namespace"); got != tt.want {
				t.Errorf("namespace = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestPrepareDuplicateNames(t *testing.T) {
	inNS := func(ns string) string { return workflowYAML("same", "  namespace: "+ns+"\n", "") }
	tests := []struct {
		name  string
		docs  []Document
		opts  Options
		wants []string
	}{
		{"same name in two files",
			append(mustDecode(t, "a.yaml", workflowYAML("same", "", "")), mustDecode(t, "b.yaml", workflowYAML("same", "", ""))...),
			Options{Namespace: "default"},
			[]string{`b.yaml (document 1): workflow "default/same" is also submitted by a.yaml (document 1): give each workflow its own metadata.name`}},
		{"--name with several documents",
			mustDecode(t, "-", workflowYAML("a", "", "")+"---\n"+workflowYAML("b", "", "")+"---\n"+workflowYAML("c", "", "")),
			Options{Name: "fixed"},
			[]string{
				`standard input (document 2): workflow "fixed" is also submitted by standard input (document 1): --name gives every workflow the same name: use --generate-name`,
				`standard input (document 3): workflow "fixed" is also submitted by standard input (document 1)`,
			}},
		{"same name in different namespaces is fine",
			mustDecode(t, "wf.yaml", inNS("a")+"---\n"+inNS("b")), Options{Namespace: "a"}, nil},
		{"generateName only is fine",
			mustDecode(t, "wf.yaml", workflowYAML("a", "", "")+"---\n"+workflowYAML("b", "", "")), Options{GenerateName: "run-"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objects, err := Prepare(tt.docs, tt.opts)
			wantErrors(t, err, tt.wants...)
			if err == nil && len(objects) != len(tt.docs) {
				t.Errorf("got %d objects for %d documents", len(objects), len(tt.docs))
			}
		})
	}
}

func TestPrepareReportsEveryProblem(t *testing.T) {
	docs := mustDecode(t, "wf.yaml", ""+
		workflowYAML("ok", "", "")+"---\n"+
		"apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: t}\nspec: {}\n---\n"+
		workflowYAML("", "  namespace: other\n", "")+"---\n"+
		"apiVersion: v1\nkind: ConfigMap\n")
	docs = append(docs, Document{Source: "x.yaml", Index: 4})
	objects, err := Prepare(docs, Options{Namespace: "default", NamespaceExplicit: true})
	if objects != nil {
		t.Errorf("got objects with an error")
	}
	wantErrors(t, err,
		"wf.yaml (document 2): this is a WorkflowTemplate",
		"wf.yaml (document 3): the namespace from the provided object \"other\"",
		"wf.yaml (document 3): the workflow has neither metadata.name nor metadata.generateName",
		"wf.yaml (document 4): kind \"ConfigMap\"",
		"x.yaml (document 4): the document is empty",
	)
}

func TestPrepareKeepsOrderAndDoesNotMutate(t *testing.T) {
	docs := mustDecode(t, "wf.yaml", workflowYAML("b", "  labels: {a: b}\n", "  onExit: cleanup\n  arguments: {parameters: [{name: p, valueFrom: {x: y}}]}\n")+
		"---\n"+workflowYAML("a", "", ""))
	before := make([]*unstructured.Unstructured, len(docs))
	for i, doc := range docs {
		before[i] = doc.Object.DeepCopy()
	}
	opts := Options{
		Parameters:     []Parameter{{"p", "1"}, {"q", "2"}},
		Entrypoint:     "e",
		GenerateName:   "g-",
		Labels:         map[string]string{"a": "c"},
		ServiceAccount: "sa",
		Priority:       int32Ptr(1),
		Namespace:      "ns",
	}
	objects, err := Prepare(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i, doc := range docs {
		if !reflect.DeepEqual(doc.Object.Object, before[i].Object) {
			t.Errorf("document %d was modified:\n%v\nwas\n%v", i+1, doc.Object.Object, before[i].Object)
		}
	}
	for i, wantLabel := range []any{"c", "c"} {
		if got := field(objects[i], "metadata", "labels", "a"); got != wantLabel {
			t.Errorf("object %d label = %v", i, got)
		}
	}
	// The objects are in input order and independent of each other.
	objects[0].Object["spec"].(map[string]any)["entrypoint"] = "changed"
	if field(objects[1], "spec", "entrypoint") != "e" {
		t.Error("objects share their spec")
	}
	if len(objects) != 2 || field(objects[0], "spec", "onExit") != "cleanup" || field(objects[1], "spec", "onExit") != nil {
		t.Errorf("objects out of order: %v", objects)
	}
}

func TestPrepareNothing(t *testing.T) {
	_, err := Prepare(nil, Options{})
	wantErrors(t, err, "no workflow to submit")
}

func TestPrepareClearsServerStateOfAnExportedWorkflow(t *testing.T) {
	const exported = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  name: hello-x7k2p
  namespace: argo
  uid: 0b1c
  resourceVersion: "4711"
  generation: 3
  creationTimestamp: "2026-12-01T10:00:00Z"
  managedFields: [{manager: workflow-controller}]
  labels:
    team: web
    workflows.argoproj.io/completed: "true"
    workflows.argoproj.io/phase: Succeeded
  annotations: {note: kept}
spec: {entrypoint: main}
status: {phase: Succeeded}
`
	objects, err := Prepare(mustDecode(t, "exported.yaml", exported), Options{Namespace: "argo"})
	if err != nil {
		t.Fatal(err)
	}
	got := objects[0].Object
	want := map[string]any{
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
		"metadata": map[string]any{
			"name": "hello-x7k2p", "namespace": "argo",
			"labels":      map[string]any{"team": "web"},
			"annotations": map[string]any{"note": "kept"},
		},
		"spec": map[string]any{"entrypoint": "main"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("prepared\n%v\nwant\n%v", got, want)
	}
}
