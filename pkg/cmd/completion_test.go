package cmd

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/redact"
)

// fakeLister answers from names, keyed "resource namespace", and records the queries.
type fakeLister struct {
	names map[string][]string
	err   error
	block bool // never answer, not even when the context ends

	mu      sync.Mutex
	queries []listQuery
}

func (f *fakeLister) Names(_ context.Context, q listQuery) ([]string, error) {
	f.mu.Lock()
	f.queries = append(f.queries, q)
	f.mu.Unlock()
	if f.block {
		select {}
	}
	return f.names[q.resource.Resource+" "+q.namespace], f.err
}

func (f *fakeLister) lastQuery(t *testing.T) listQuery {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.queries) == 0 {
		t.Fatal("no list call was made")
	}
	return f.queries[len(f.queries)-1]
}

func testCompleter(lister *fakeLister) *completer {
	return &completer{
		lister: func() (nameLister, error) { return lister, nil },
		kubeconfig: func() (clientcmdapi.Config, error) {
			return clientcmdapi.Config{
				Contexts:  map[string]*clientcmdapi.Context{"prod": {}, "dev": {}, "ci": {}},
				Clusters:  map[string]*clientcmdapi.Cluster{"east": {}, "west": {}},
				AuthInfos: map[string]*clientcmdapi.AuthInfo{"alice": {}, "bob": {}},
			}, nil
		},
		namespace:      func() (string, error) { return "team-a", nil },
		tokenNamespace: func() string { return "" },
		timeout:        time.Second,
	}
}

type completion struct {
	candidates []string
	directive  cobra.ShellCompDirective
}

func complete(f cobra.CompletionFunc, toComplete string) completion {
	candidates, directive := f(&cobra.Command{}, nil, toComplete)
	return completion{candidates, directive}
}

func (c completion) want(t *testing.T, directive cobra.ShellCompDirective, candidates ...string) {
	t.Helper()
	if len(c.candidates) == 0 && len(candidates) == 0 {
		c.candidates = candidates
	}
	if !reflect.DeepEqual(c.candidates, candidates) || c.directive != directive {
		t.Errorf("completed %q with directive %d, want %q with %d", c.candidates, c.directive, candidates, directive)
	}
}

const noFiles = cobra.ShellCompDirectiveNoFileComp

func TestCompleteKubeconfigEntries(t *testing.T) {
	c := testCompleter(&fakeLister{})
	complete(c.kubeconfigNames(contextNames), "").want(t, noFiles, "ci", "dev", "prod")
	complete(c.kubeconfigNames(contextNames), "d").want(t, noFiles, "dev")
	complete(c.kubeconfigNames(clusterNames), "").want(t, noFiles, "east", "west")
	complete(c.kubeconfigNames(userNames), "b").want(t, noFiles, "bob")

	c.kubeconfig = func() (clientcmdapi.Config, error) { return clientcmdapi.Config{}, errors.New("unreadable") }
	complete(c.kubeconfigNames(contextNames), "").want(t, noFiles)
}

func TestCompleteNamespaces(t *testing.T) {
	lister := &fakeLister{names: map[string][]string{"namespaces ": {"argo", "default", "team-a"}}}
	c := testCompleter(lister)
	complete(c.namespaces, "").want(t, noFiles, "argo", "default", "team-a")
	complete(c.namespaces, "te").want(t, noFiles, "team-a")
	if q := lister.lastQuery(t); q.resource != coreResource("namespaces") || q.namespace != "" {
		t.Errorf("query %+v", q)
	}
}

// Service accounts and token Secrets come from --token-namespace, else from the submission namespace.
func TestCompleteTokenObjectsInTheTokenNamespace(t *testing.T) {
	lister := &fakeLister{names: map[string][]string{
		"serviceaccounts team-a": {"ci", "default"}, "serviceaccounts tokens": {"robot"},
		"secrets team-a": {"ci-token"},
	}}
	c := testCompleter(lister)
	complete(c.serviceAccounts, "").want(t, noFiles, "ci", "default")
	complete(c.tokenSecrets, "").want(t, noFiles, "ci-token")
	if q := lister.lastQuery(t); q.fieldSelector != "type=kubernetes.io/service-account-token" {
		t.Errorf("secrets listed with field selector %q", q.fieldSelector)
	}
	c.tokenNamespace = func() string { return "tokens" }
	complete(c.serviceAccounts, "r").want(t, noFiles, "robot")
	// --serviceaccount is the workflow's, which runs in the submission namespace.
	complete(c.workflowServiceAccounts, "").want(t, noFiles, "ci", "default")
}

func TestCompleteFrom(t *testing.T) {
	lister := &fakeLister{names: map[string][]string{
		"workflowtemplates team-a": {"build", "hello"}, "clusterworkflowtemplates ": {"shared"}, "cronworkflows team-a": {"nightly"},
	}}
	c := testCompleter(lister)
	kinds := complete(c.fromTemplates, "")
	if len(kinds.candidates) != 6 || kinds.directive != cobra.ShellCompDirectiveNoSpace|noFiles {
		t.Errorf("kinds: %q, directive %d", kinds.candidates, kinds.directive)
	}
	complete(c.fromTemplates, "w").want(t, cobra.ShellCompDirectiveNoSpace|noFiles,
		"wftmpl/\tWorkflowTemplate", "workflowtemplate/\tWorkflowTemplate")
	complete(c.fromTemplates, "wftmpl/").want(t, noFiles, "wftmpl/build", "wftmpl/hello")
	complete(c.fromTemplates, "WorkflowTemplate/h").want(t, noFiles, "WorkflowTemplate/hello")
	complete(c.fromTemplates, "cronwf/").want(t, noFiles, "cronwf/nightly")
	complete(c.fromTemplates, "cwftmpl/").want(t, noFiles, "cwftmpl/shared")
	if q := lister.lastQuery(t); q.resource.Group != "argoproj.io" || q.resource.Resource != "clusterworkflowtemplates" || q.namespace != "" {
		t.Errorf("cluster templates listed with %+v", q)
	}
	complete(c.fromTemplates, "pod/").want(t, noFiles)
}

func TestCompleteFixedValues(t *testing.T) {
	complete(outputFormats, "").want(t, cobra.ShellCompDirectiveNoSpace|noFiles,
		"name", "json", "yaml", "wide", "jsonpath=", "jsonpath-file=", "jsonpath-as-json=")
	complete(outputFormats, "y").want(t, noFiles, "yaml")
	complete(outputFormats, "jsonpath-").want(t, cobra.ShellCompDirectiveNoSpace|noFiles, "jsonpath-file=", "jsonpath-as-json=")
	complete(outputFormats, "go").want(t, noFiles)
	complete(tokenSources, "").want(t, noFiles, "auto", "argo-token", "kubeconfig", "request", "secret")
	complete(fixedValues("none", "client", "server"), "s").want(t, noFiles, "server")
}

func TestCompleteWorkflowFiles(t *testing.T) {
	root := NewRootCommand(genericiooptions.NewTestIOStreamsDiscard(), func(string) string { return "" }, BuildInfo{}, redact.NewFilter())
	files := completion{[]string{"yaml", "yml", "json"}, cobra.ShellCompDirectiveFilterFileExt}
	for _, flag := range []string{"filename", "parameter-file"} {
		f, ok := root.GetFlagCompletionFunc(flag)
		if !ok {
			t.Fatalf("--%s has no completion", flag)
		}
		if got := complete(f, ""); !reflect.DeepEqual(got, files) {
			t.Errorf("--%s: %+v", flag, got)
		}
	}
	args := func(args []string, toComplete string) completion {
		candidates, directive := root.ValidArgsFunction(root, args, toComplete)
		return completion{candidates, directive}
	}
	// A first word that may be a subcommand is left to cobra's subcommand names.
	args(nil, "").want(t, noFiles)
	args(nil, "ver").want(t, noFiles)
	args(nil, "wf").want(t, files.directive, files.candidates...)
	args([]string{"a.yaml"}, "").want(t, files.directive, files.candidates...)
	if err := root.Flags().Set("from", "wftmpl/x"); err != nil {
		t.Fatal(err)
	}
	args([]string{"a.yaml"}, "").want(t, noFiles)
}

// On any failure completion offers nothing, says nothing, and does not wait past its timeout.
func TestCompletionFailsQuietlyAndFast(t *testing.T) {
	failing := testCompleter(&fakeLister{err: errors.New("forbidden")})
	complete(failing.namespaces, "").want(t, noFiles)

	noNamespace := testCompleter(&fakeLister{})
	noNamespace.namespace = func() (string, error) { return "", errors.New("no kubeconfig") }
	complete(noNamespace.serviceAccounts, "").want(t, noFiles)
	complete(noNamespace.fromTemplates, "wftmpl/").want(t, noFiles)

	noClient := testCompleter(&fakeLister{})
	noClient.lister = func() (nameLister, error) { return nil, errors.New("no kubeconfig") }
	complete(noClient.namespaces, "").want(t, noFiles)

	hanging := testCompleter(&fakeLister{block: true})
	hanging.timeout = 50 * time.Millisecond
	start := time.Now()
	complete(hanging.namespaces, "").want(t, noFiles)
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("a hanging lister held completion for %s", elapsed)
	}
}

// Every flag the brief promises completes, on the root and (persistent flags) on its subcommands.
func TestEveryCompletedFlagIsRegistered(t *testing.T) {
	root := NewRootCommand(genericiooptions.NewTestIOStreamsDiscard(), func(string) string { return "" }, BuildInfo{}, redact.NewFilter())
	for _, flag := range []string{"context", "cluster", "user", "namespace", "token-namespace", "token-service-account",
		"token-secret", "serviceaccount", "from", "output", "token-source", "dry-run", "filename", "parameter-file"} {
		if _, ok := root.GetFlagCompletionFunc(flag); !ok {
			t.Errorf("--%s has no completion", flag)
		}
	}
	version, _, err := root.Find([]string{"version"})
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := version.GetFlagCompletionFunc("output"); !ok {
		t.Error("version -o has no completion")
	} else {
		complete(f, "").want(t, noFiles, "json", "yaml")
	}
	if _, ok := version.GetFlagCompletionFunc("context"); !ok {
		t.Error("the persistent --context has no completion under version")
	}
}
