package token

import (
	"context"
	"errors"
	"fmt"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/rest"
	"k8s.io/klog/v2"
)

// Resolver picks the token source from Settings and runs it.
//
// The Kubernetes client and REST config are built lazily, and only when the
// chosen path needs them, so a direct Argo token works with no kubeconfig.
//
// Auto picks, in order: ArgoToken when set; with a ServiceAccount, a
// TokenRequest, falling back to the legacy Secret when that is Forbidden;
// with a SecretName, that Secret; else the kubeconfig's own credentials.
//
// With a Cache, tokens from the Kubernetes API (request and secret) are kept between runs.
type Resolver struct {
	Settings   Settings
	KubeClient func() (KubeClient, error)
	RESTConfig func() (*rest.Config, error)
	// Cache keeps request and secret tokens between runs; nil keeps none.
	Cache Cache
	// KubeUser names the kubeconfig user, for the cache key; nil or "" when there is none.
	KubeUser func() string
}

// Resolve validates the settings and returns the token, a cached one when it has enough life left.
func (r *Resolver) Resolve(ctx context.Context) (*Token, error) {
	if err := r.Settings.Validate(); err != nil {
		return nil, err
	}
	if key, ok := r.cacheKey(); ok {
		return r.Cache.Token(ctx, key, r.mint)
	}
	return r.mint(ctx)
}

// Renew returns a new token after the server refused the last one: the cached token, which may
// be the refused one, is dropped rather than handed out again.
func (r *Resolver) Renew(ctx context.Context) (*Token, error) {
	if err := r.Settings.Validate(); err != nil {
		return nil, err
	}
	if key, ok := r.cacheKey(); ok {
		return r.Cache.Renew(ctx, key, r.mint)
	}
	return r.mint(ctx)
}

// mint gets the token from its source, past any cache.
func (r *Resolver) mint(ctx context.Context) (*Token, error) {
	if mode := r.Settings.mode(); mode != Auto {
		return r.resolveWith(ctx, mode)
	}
	return r.resolveAuto(ctx)
}

func (r *Resolver) resolveAuto(ctx context.Context) (*Token, error) {
	s := r.Settings
	switch {
	case strings.TrimSpace(s.ArgoToken) != "":
		if s.ServiceAccount != "" || s.SecretName != "" {
			klog.V(1).Infof("using the Argo token from --argo-token/ARGO_TOKEN; --token-service-account and --token-secret are ignored (choose with --token-source)")
		}
		return r.resolveWith(ctx, ArgoToken)
	case s.ServiceAccount != "":
		return r.requestOrSecret(ctx)
	case s.SecretName != "":
		return r.resolveWith(ctx, Secret)
	default:
		return r.resolveWith(ctx, Kubeconfig)
	}
}

func (r *Resolver) resolveWith(ctx context.Context, mode Mode) (*Token, error) {
	source, err := r.source(mode)
	if err != nil {
		return nil, err
	}
	return source.Token(ctx)
}

// requestOrSecret tries a TokenRequest, and the legacy Secret when the
// kubeconfig's identity may not create tokens.
func (r *Resolver) requestOrSecret(ctx context.Context) (*Token, error) {
	client, err := r.kubeClient(Request)
	if err != nil {
		return nil, err
	}
	request := r.requestSource(client)
	request.beforeSecret = true
	tok, requestErr := request.Token(ctx)
	if requestErr == nil || !apierrors.IsForbidden(requestErr) {
		return tok, requestErr
	}
	klog.V(1).Infof("TokenRequest for serviceaccount %s/%s is forbidden (%s lacks create serviceaccounts/token in namespace %q); "+
		"falling back to its legacy token Secret", r.Settings.Namespace, r.Settings.ServiceAccount,
		identityOr(forbiddenIdentity(requestErr), "the kubeconfig's identity"), r.Settings.Namespace)
	secret := r.secretSource(client)
	secret.afterRequest = true
	tok, secretErr := secret.Token(ctx)
	if secretErr != nil {
		return nil, bothFailedError(requestErr, secretErr)
	}
	return tok, nil
}

// bothFailedError reports the secret fallback's failure, keeping the
// TokenRequest's so that both missing permissions are named.
func bothFailedError(requestErr, secretErr error) *Error {
	return &Error{
		Kind:   KindOf(secretErr),
		Source: Secret,
		Message: fmt.Sprintf("no token: the TokenRequest failed: %v; and the fallback to the legacy token Secret failed too",
			requestErr),
		Err: secretErr,
	}
}

// source builds the source for mode, calling the client factories only for
// the modes that need them.
func (r *Resolver) source(mode Mode) (Source, error) {
	switch mode {
	case ArgoToken:
		return ArgoTokenSource{Value: r.Settings.ArgoToken}, nil
	case Kubeconfig:
		return KubeconfigSource{RESTConfig: r.RESTConfig}, nil
	case Request, Secret:
		client, err := r.kubeClient(mode)
		if err != nil {
			return nil, err
		}
		if mode == Request {
			return r.requestSource(client), nil
		}
		return r.secretSource(client), nil
	}
	return nil, usageError(mode, "invalid token source %q: valid values are %s", mode, modeList())
}

func (r *Resolver) requestSource(client KubeClient) RequestSource {
	s := r.Settings
	return RequestSource{Client: client, Namespace: s.Namespace, ServiceAccount: s.ServiceAccount,
		Duration: s.Duration, Audiences: s.Audiences}
}

func (r *Resolver) secretSource(client KubeClient) SecretSource {
	s := r.Settings
	return SecretSource{Client: client, Namespace: s.Namespace, ServiceAccount: s.ServiceAccount, SecretName: s.SecretName}
}

func (r *Resolver) kubeClient(mode Mode) (KubeClient, error) {
	if r.KubeClient == nil {
		return nil, authError(mode, nil, "--token-source %s needs a Kubernetes client, and none is configured", mode)
	}
	client, err := r.KubeClient()
	if err != nil {
		var tokenErr *Error
		if errors.As(err, &tokenErr) {
			return nil, err
		}
		return nil, authError(mode, err, "cannot build a Kubernetes client from the kubeconfig for --token-source %s", mode)
	}
	return client, nil
}
