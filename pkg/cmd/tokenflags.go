package cmd

import (
	"time"

	"github.com/spf13/pflag"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

// defaultTokenDuration is the lifetime asked of a TokenRequest: long enough for a submission
// and a later wait, short enough to be harmless if it leaks.
const defaultTokenDuration = time.Hour

// TokenFlags choose and configure the source of the Argo token.
type TokenFlags struct {
	Source         string
	ArgoToken      string
	ServiceAccount string
	Namespace      string
	SecretName     string
	Duration       time.Duration
	Audiences      []string

	// context gives the kube context's settings, the level below these flags and ARGO_TOKEN; nil gives none.
	context tokenContext
}

// NewTokenFlags returns the defaults: auto source, one-hour TokenRequests.
func NewTokenFlags() *TokenFlags {
	return &TokenFlags{Source: string(token.Auto), Duration: defaultTokenDuration}
}

// AddFlags binds the flags to fs.
func (f *TokenFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.Source, "token-source", f.Source, "Where the Argo token comes from: auto, argo-token, kubeconfig, request (TokenRequest) or secret (service-account token Secret)")
	fs.StringVar(&f.ArgoToken, "argo-token", f.ArgoToken, "Argo token sent as given when it starts with 'Bearer ' or 'Basic ', else as a bearer token (env ARGO_TOKEN, which keeps it out of the process list)")
	fs.StringVar(&f.ServiceAccount, "token-service-account", f.ServiceAccount, "Service account whose token is used (TokenRequest, falling back to its token Secret)")
	fs.StringVar(&f.Namespace, "token-namespace", f.Namespace, "Namespace of the token's service account or Secret (default: the submission namespace)")
	fs.StringVar(&f.SecretName, "token-secret", f.SecretName, "Exact name of the service-account token Secret to read")
	fs.DurationVar(&f.Duration, "token-duration", f.Duration, "Lifetime asked of a TokenRequest (at least 10m)")
	fs.StringArrayVar(&f.Audiences, "token-audience", f.Audiences, "Audience of a TokenRequest (repeatable; default: the Kubernetes API server's own, which the Argo Server's client auth mode needs)")
}

// ToSettings merges the flags with ARGO_TOKEN and, below them, the kube context's settings; namespace
// is the token namespace's default ("" when the caller defaults it later). A token given as is needs
// nothing from the context, which is then not read.
func (f *TokenFlags) ToSettings(fs *pflag.FlagSet, getenv Getenv, namespace string) (token.Settings, error) {
	mode, err := token.ParseMode(f.Source)
	if err != nil {
		return token.Settings{}, &UsageError{Err: err}
	}
	s := token.Settings{
		Mode:           mode,
		ArgoToken:      stringFromEnv(fs, "argo-token", "ARGO_TOKEN", getenv, f.ArgoToken),
		ServiceAccount: f.ServiceAccount,
		Namespace:      f.Namespace,
		SecretName:     f.SecretName,
		Duration:       f.Duration,
		Audiences:      f.Audiences,
	}
	if f.context != nil && !isDirectToken(s) {
		if err := f.applyContext(&s, fs, namespace); err != nil {
			return token.Settings{}, err
		}
	}
	if s.Namespace == "" {
		s.Namespace = namespace
	}
	return s, nil
}

// isDirectToken says whether the token is given as is: then no kubeconfig is loaded at all,
// which CI containers without one (or with KUBECONFIG=/dev/null) rely on.
func isDirectToken(s token.Settings) bool {
	return s.Mode == token.ArgoToken || (s.Mode == token.Auto && s.ArgoToken != "")
}
