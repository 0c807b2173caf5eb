package cmd

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"k8s.io/cli-runtime/pkg/genericclioptions"
	corev1client "k8s.io/client-go/kubernetes/typed/core/v1"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/redact"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

// kubeAccess is what submit and token share: the kubeconfig flags, read lazily so that a direct
// token needs no kubeconfig, and the token resolution built on them.
type kubeAccess struct {
	configFlags *genericclioptions.ConfigFlags
	tokenFlags  *TokenFlags
	getenv      Getenv
	redactor    *redact.Filter
	userAgent   string
	// tokenCache is --token-cache; nil, until addTokenCacheFlags binds it, means on.
	tokenCache *bool
}

// namespace is -n, then ARGO_NAMESPACE, then the kubeconfig context's, then "default".
// explicit reports whether the user chose it (then a workflow naming another namespace is an error).
func (k *kubeAccess) namespace() (ns string, explicit bool, err error) {
	if ns := *k.configFlags.Namespace; ns != "" {
		return ns, true, nil
	}
	if ns := k.getenv("ARGO_NAMESPACE"); ns != "" {
		return ns, true, nil
	}
	ns, _, err = k.configFlags.ToRawKubeConfigLoader().Namespace()
	if err != nil {
		return "", false, usageErrorf("cannot read the namespace from the kubeconfig: %v; pass -n/--namespace or set ARGO_NAMESPACE", err)
	}
	return ns, false, nil
}

// defaultTokenNamespace gives settings, outside a submission, the namespace a token is looked up in
// when nothing named one: the kubeconfig's (read only then; a direct token needs none).
func (k *kubeAccess) defaultTokenNamespace(settings *token.Settings) error {
	if settings.Namespace != "" || isDirectToken(*settings) {
		return nil
	}
	var err error
	settings.Namespace, _, err = k.namespace()
	return err
}

func (k *kubeAccess) restConfig() (*rest.Config, error) {
	cfg, err := k.configFlags.ToRESTConfig()
	if err != nil {
		return nil, &token.Error{Kind: token.KindAuth, Message: fmt.Sprintf(
			"cannot load the kubeconfig (%v): this token source needs one; use --kubeconfig/--context, or give a token with --argo-token or ARGO_TOKEN", err)}
	}
	if k.isDefaultConfig(cfg) {
		return nil, &token.Error{Kind: token.KindAuth, Message: "no kubeconfig found (KUBECONFIG is unset or names no file, ~/.kube/config is absent, and this is not a pod): " +
			"pass --kubeconfig, or give a token with --argo-token or ARGO_TOKEN and a namespace with -n or ARGO_NAMESPACE"}
	}
	cfg = rest.CopyConfig(cfg)
	cfg.UserAgent = k.userAgent
	return cfg, nil
}

// isDefaultConfig recognises clientcmd's fallback when no kubeconfig exists: an unauthenticated
// http://localhost:8080, which would only produce a misleading "connection refused".
func (k *kubeAccess) isDefaultConfig(cfg *rest.Config) bool {
	if *k.configFlags.APIServer != "" || k.getenv("KUBERNETES_MASTER") != "" || cfg.Host != clientcmd.ClusterDefaults.Server {
		return false
	}
	raw, err := k.configFlags.ToRawKubeConfigLoader().RawConfig()
	return err == nil && len(raw.Clusters) == 0
}

// kubeClient talks JSON so that pkg/redact can recognise token fields in client-go's -v=8 body logs.
func (k *kubeAccess) kubeClient() (token.KubeClient, error) {
	cfg, err := k.restConfig()
	if err != nil {
		return nil, err
	}
	cfg.ContentType = "application/json"
	cfg.AcceptContentTypes = "application/json"
	core, err := corev1client.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	return coreClient{core}, nil
}

// coreClient is a clientset of core/v1 alone: token resolution needs nothing else.
type coreClient struct{ corev1client.CoreV1Interface }

func (c coreClient) CoreV1() corev1client.CoreV1Interface { return c.CoreV1Interface }

// resolveToken validates the settings (no call made when they are wrong) and resolves the token once.
func (k *kubeAccess) resolveToken(ctx context.Context, settings token.Settings) (*token.Token, error) {
	return k.credentials(settings).Token(ctx)
}

// credentials resolve tokens from settings when first needed (validating them then, before any
// call) and renew them from the same source; each new token, cached or not, is registered with
// the log redactor before anything can log it. Request and secret tokens go through the token
// cache, keyed by the same REST config the clients use.
func (k *kubeAccess) credentials(settings token.Settings) *token.Credentials {
	resolver := &token.Resolver{
		Settings:   settings,
		KubeClient: k.kubeClient,
		RESTConfig: k.restConfig,
		Cache:      k.activeTokenCache(),
		KubeUser:   k.kubeUser,
	}
	return token.NewCredentials(resolver, func(tok *token.Token) { k.redactor.Add(tok.Authorization()) })
}

// argoConfig merges the --argo-* flags with ARGO_* env vars; --request-timeout bounds Argo requests too.
func (k *kubeAccess) argoConfig(flags *ArgoFlags, fs *pflag.FlagSet) (argo.Config, error) {
	cfg := flags.ToConfig(fs, k.getenv)
	cfg.UserAgent = k.userAgent
	timeout, err := parseRequestTimeout(*k.configFlags.Timeout)
	if err != nil {
		return argo.Config{}, err
	}
	cfg.Timeout = timeout
	return cfg, nil
}

// parseRequestTimeout reads kubectl's --request-timeout: a duration ("30s", "1m") or bare seconds; 0 is none.
func parseRequestTimeout(value string) (time.Duration, error) {
	if value == "" {
		return 0, nil
	}
	if seconds, err := strconv.Atoi(value); err == nil && seconds >= 0 {
		return time.Duration(seconds) * time.Second, nil
	}
	d, err := time.ParseDuration(value)
	if err != nil || d < 0 {
		return 0, usageErrorf("invalid --request-timeout %q: use a duration such as 30s or 1m, or 0 for none", value)
	}
	return d, nil
}
