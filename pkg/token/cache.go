package token

import (
	"context"
	"strings"

	"k8s.io/klog/v2"
)

// Cache keeps the tokens of the request and secret sources between runs, so that parallel and
// successive runs share one instead of minting one each (pkg/tokencache keeps them in files).
// Its failures never reach the user: a token it cannot keep is minted and used all the same.
type Cache interface {
	// Token returns the token cached under key while it has enough life left; otherwise it
	// mints one, caches and returns it. Callers sharing the cache mint once.
	Token(ctx context.Context, key CacheKey, mint ResolveFunc) (*Token, error)
	// Renew drops the token cached under key, then mints, caches and returns a new one.
	Renew(ctx context.Context, key CacheKey, mint ResolveFunc) (*Token, error)
}

// fromKubernetes says whether the token comes from the Kubernetes API (a TokenRequest or a
// Secret), the only tokens worth caching: a direct token or the kubeconfig's own costs no call.
func (s Settings) fromKubernetes() bool {
	switch s.mode() {
	case Request, Secret:
		return true
	case Auto:
		return strings.TrimSpace(s.ArgoToken) == "" && (s.ServiceAccount != "" || s.SecretName != "")
	}
	return false
}

// cacheKey returns the key of the token r gets, and false when it is not cached. A REST config
// that cannot be loaded leaves the token uncached: minting then reports why.
func (r *Resolver) cacheKey() (CacheKey, bool) {
	if r.Cache == nil || r.RESTConfig == nil || !r.Settings.fromKubernetes() {
		return CacheKey{}, false
	}
	cfg, err := r.RESTConfig()
	if err != nil {
		klog.V(4).Infof("token cache not used: %v", err)
		return CacheKey{}, false
	}
	user := ""
	if r.KubeUser != nil {
		user = r.KubeUser()
	}
	return NewCacheKey(cfg, user, r.Settings), true
}
