package cmd

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"k8s.io/apimachinery/pkg/runtime/schema"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// completionTimeout bounds everything one completion asks the cluster: a TAB press must not hang
// on an unreachable API server.
const completionTimeout = 2 * time.Second

// nameLister lists object names; the real one (completion_kube.go) asks the Kubernetes API.
type nameLister interface {
	Names(ctx context.Context, q listQuery) ([]string, error)
}

// listQuery is one list call: a resource, its namespace (empty when cluster-scoped) and a field selector.
type listQuery struct {
	resource      schema.GroupVersionResource
	namespace     string
	fieldSelector string
}

// completer answers the dynamic completions. It reads the kubeconfig and the flags only when a
// completion function runs: cobra has parsed the flags typed before the word being completed by
// then, so --kubeconfig, --context and -n given earlier on the line apply.
type completer struct {
	lister         func() (nameLister, error)
	kubeconfig     func() (clientcmdapi.Config, error)
	namespace      func() (string, error) // the submission namespace
	tokenNamespace func() string          // --token-namespace, empty when not given
	timeout        time.Duration
}

func newCompleter(kube *kubeAccess) *completer {
	return &completer{
		lister: func() (nameLister, error) { return kube.completionLister(completionTimeout) },
		kubeconfig: func() (clientcmdapi.Config, error) {
			return kube.configFlags.ToRawKubeConfigLoader().RawConfig()
		},
		namespace: func() (string, error) {
			ns, _, err := kube.namespace()
			return ns, err
		},
		tokenNamespace: func() string { return kube.tokenFlags.Namespace },
		timeout:        completionTimeout,
	}
}

// kubeconfigNames completes the names of one kind of kubeconfig entry (contexts, clusters, users).
func (c *completer) kubeconfigNames(pick func(clientcmdapi.Config) []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		config, err := c.kubeconfig()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return withPrefix(pick(config), toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

func contextNames(config clientcmdapi.Config) []string { return sortedNames(config.Contexts) }
func clusterNames(config clientcmdapi.Config) []string { return sortedNames(config.Clusters) }
func userNames(config clientcmdapi.Config) []string    { return sortedNames(config.AuthInfos) }

func sortedNames[V any](entries map[string]V) []string {
	names := make([]string, 0, len(entries))
	for name := range entries {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// namespaces completes -n and --token-namespace.
func (c *completer) namespaces(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return c.listed(cmd, toComplete, "", func() (listQuery, error) {
		return listQuery{resource: coreResource("namespaces")}, nil
	})
}

// serviceAccounts completes --token-service-account from the token namespace.
func (c *completer) serviceAccounts(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return c.listed(cmd, toComplete, "", func() (listQuery, error) {
		ns, err := c.tokenNamespaceOrDefault()
		return listQuery{resource: coreResource("serviceaccounts"), namespace: ns}, err
	})
}

// workflowServiceAccounts completes --serviceaccount: the workflow's pods run in the submission namespace.
func (c *completer) workflowServiceAccounts(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return c.listed(cmd, toComplete, "", func() (listQuery, error) {
		ns, err := c.namespace()
		return listQuery{resource: coreResource("serviceaccounts"), namespace: ns}, err
	})
}

// tokenSecrets completes --token-secret with the service-account token Secrets only: the field
// selector leaves the others on the server.
func (c *completer) tokenSecrets(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return c.listed(cmd, toComplete, "", func() (listQuery, error) {
		ns, err := c.tokenNamespaceOrDefault()
		return listQuery{resource: coreResource("secrets"), namespace: ns, fieldSelector: "type=kubernetes.io/service-account-token"}, err
	})
}

// tokenNamespaceOrDefault is where the token flags look, as TokenFlags.ToSettings decides it.
func (c *completer) tokenNamespaceOrDefault() (string, error) {
	if ns := c.tokenNamespace(); ns != "" {
		return ns, nil
	}
	return c.namespace()
}

// listed runs query within the timeout and offers the names starting with toComplete, each after
// prefix. Any failure offers nothing: completion never reports errors into the shell.
func (c *completer) listed(cmd *cobra.Command, toComplete, prefix string, query func() (listQuery, error)) ([]cobra.Completion, cobra.ShellCompDirective) {
	q, err := query()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	ctx, cancel := context.WithTimeout(commandContext(cmd), c.timeout)
	defer cancel()
	names, err := listWithin(ctx, c.lister, q)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	candidates := make([]string, 0, len(names))
	for _, name := range names {
		candidates = append(candidates, prefix+name)
	}
	return withPrefix(candidates, toComplete), cobra.ShellCompDirectiveNoFileComp
}

// listWithin returns when ctx ends even if the lister does not: an exec credential plugin, for
// one, does not stop with the request's context.
func listWithin(ctx context.Context, newLister func() (nameLister, error), q listQuery) ([]string, error) {
	type result struct {
		names []string
		err   error
	}
	done := make(chan result, 1) // buffered: a late answer must not block the abandoned goroutine
	go func() {
		lister, err := newLister()
		if err != nil {
			done <- result{err: err}
			return
		}
		names, err := lister.Names(ctx, q)
		done <- result{names, err}
	}()
	select {
	case r := <-done:
		return r.names, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func commandContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}

func withPrefix(candidates []string, toComplete string) []cobra.Completion {
	var matching []cobra.Completion
	for _, c := range candidates {
		if strings.HasPrefix(c, toComplete) {
			matching = append(matching, c)
		}
	}
	return matching
}

func coreResource(resource string) schema.GroupVersionResource {
	return schema.GroupVersionResource{Version: "v1", Resource: resource}
}
