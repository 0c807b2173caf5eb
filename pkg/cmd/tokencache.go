package cmd

import (
	"github.com/spf13/pflag"
	"k8s.io/klog/v2"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/tokencache"
)

// addTokenCacheFlags binds --token-cache to kube; root.go calls it beside the token flags.
func addTokenCacheFlags(fs *pflag.FlagSet, kube *kubeAccess) {
	kube.tokenCache = fs.Bool("token-cache", true,
		"Keep TokenRequest and token-Secret tokens in $KUBECACHEDIR/argo-submit (else ~/.kube/cache/argo-submit) and reuse them while enough of their lifetime remains; false neither reads nor writes the cache")
}

func (k *kubeAccess) tokenCacheEnabled() bool {
	return k.tokenCache == nil || *k.tokenCache
}

// activeTokenCache is the token cache, nil when --token-cache=false or when there is no folder for it
// (no home folder): the token is then minted each time, never an error.
func (k *kubeAccess) activeTokenCache() token.Cache {
	if !k.tokenCacheEnabled() {
		return nil
	}
	store, err := k.tokenCacheStore()
	if err != nil {
		klog.V(1).Infof("token cache not used: %v", err)
		return nil
	}
	return store
}

// tokenCacheStore is the cache folder, found through the command's getenv.
func (k *kubeAccess) tokenCacheStore() (*tokencache.Store, error) {
	dir, err := tokencache.DefaultDir(k.getenv)
	if err != nil {
		return nil, err
	}
	return &tokencache.Store{Dir: dir}, nil
}

// kubeUser names the kubeconfig user that --user or the context selects, for the cache key;
// "" when there is none (a pod's own service account).
func (k *kubeAccess) kubeUser() string {
	if user := kubeFlagValue(k.configFlags.AuthInfoName); user != "" {
		return user
	}
	raw, err := k.configFlags.ToRawKubeConfigLoader().RawConfig()
	if err != nil {
		return ""
	}
	name := kubeFlagValue(k.configFlags.Context)
	if name == "" {
		name = raw.CurrentContext
	}
	if ctx := raw.Contexts[name]; ctx != nil {
		return ctx.AuthInfo
	}
	return ""
}

// kubeFlagValue reads one of kubectl's string flags, which ConfigFlags keeps as pointers.
func kubeFlagValue(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
