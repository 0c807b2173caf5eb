// Package contextconfig keeps kubectl-argo-submit's settings for one kube context in the kubeconfig,
// as the context extension "argo-submit", so that switching the kube context switches the Argo
// Server and the identity used with it. It reads and writes only through client-go's clientcmd, which
// keeps extensions it does not know when kubectl itself rewrites the file.
package contextconfig

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ExtensionName is the key of the settings in a context's extensions.
const ExtensionName = "argo-submit"

// Settings are one context's defaults, below the flags and ARGO_* variables; every field is optional
// and an empty one is not stored. They hold no token: tokens are resolved each time, never stored.
type Settings struct {
	ArgoServer             string           `json:"argoServer,omitempty"`
	ArgoBaseHref           string           `json:"argoBaseHref,omitempty"`
	ArgoCAFile             string           `json:"argoCAFile,omitempty"`
	ArgoInsecureSkipVerify *bool            `json:"argoInsecureSkipVerify,omitempty"`
	TokenSource            string           `json:"tokenSource,omitempty"`
	TokenServiceAccount    string           `json:"tokenServiceAccount,omitempty"`
	TokenNamespace         string           `json:"tokenNamespace,omitempty"`
	TokenSecret            string           `json:"tokenSecret,omitempty"`
	TokenDuration          *metav1.Duration `json:"tokenDuration,omitempty"` // a Go duration string, e.g. "2h"
	TokenAudiences         []string         `json:"tokenAudiences,omitempty"`
	// Namespace is the default submission namespace in this context, above the context's own namespace.
	Namespace string `json:"namespace,omitempty"`
}

// InsecureSkipVerify is ArgoInsecureSkipVerify with false for unset.
func (s Settings) InsecureSkipVerify() bool {
	return s.ArgoInsecureSkipVerify != nil && *s.ArgoInsecureSkipVerify
}
