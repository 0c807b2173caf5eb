package cmd

import (
	"context"
	"sort"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/metadata"
	"k8s.io/client-go/rest"
)

// metadataLister lists names through client-go's metadata client: one client serves core and
// argoproj.io resources alike, and the server sends metadata only, so no Secret's data is ever
// fetched to complete its name.
type metadataLister struct{ client metadata.Interface }

func (l metadataLister) Names(ctx context.Context, q listQuery) ([]string, error) {
	var resource metadata.ResourceInterface = l.client.Resource(q.resource)
	if q.namespace != "" {
		resource = l.client.Resource(q.resource).Namespace(q.namespace)
	}
	list, err := resource.List(ctx, metav1.ListOptions{FieldSelector: q.fieldSelector})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(list.Items))
	for _, item := range list.Items {
		names = append(names, item.Name)
	}
	sort.Strings(names)
	return names, nil
}

// completionLister builds the lister from the kubeconfig and flags as they are now. Without a
// kubeconfig it fails (restConfig), rather than asking clientcmd's fallback http://localhost:8080.
func (k *kubeAccess) completionLister(timeout time.Duration) (nameLister, error) {
	cfg, err := k.restConfig()
	if err != nil {
		return nil, err
	}
	client, err := metadata.NewForConfig(quietConfig(cfg, timeout))
	if err != nil {
		return nil, err
	}
	return metadataLister{client}, nil
}

// quietConfig makes cfg fit for completion, which runs while the user presses TAB: every request
// is bounded by timeout, the API server's warnings are dropped instead of logged, and an exec
// credential plugin is told it cannot prompt (kubectl's plugin completion hands it the terminal).
func quietConfig(cfg *rest.Config, timeout time.Duration) *rest.Config {
	cfg = rest.CopyConfig(cfg)
	cfg.Timeout = timeout
	cfg.WarningHandlerWithContext = rest.NoWarnings{} // wins over any WarningHandler
	if cfg.ExecProvider != nil {
		exec := *cfg.ExecProvider // CopyConfig shares it with the original
		exec.StdinUnavailable = true
		exec.StdinUnavailableMessage = "shell completion cannot prompt"
		cfg.ExecProvider = &exec
	}
	return cfg
}
