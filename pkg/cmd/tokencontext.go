package cmd

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/contextconfig"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

// tokenContext is what the token settings read below the flags (kubeAccess, see kubecontext.go).
type tokenContext interface {
	contextSettings() (contextconfig.Settings, error)
	// contextNamespace is the context's default namespace, "" when -n or ARGO_NAMESPACE gives one.
	contextNamespace() (string, error)
}

// applyContext puts the kube context's token settings under the flags, for a token not given as is.
// Each flag wins over its setting, and beyond that: a source chosen on the command line takes only the
// context's settings that it reads, and a service account or Secret named on the command line
// replaces the context's identity whole. Mixed otherwise, they would fail validation with flags the
// user never typed, or fetch a token for an identity nobody chose.
func (f *TokenFlags) applyContext(s *token.Settings, fs *pflag.FlagSet, namespace string) error {
	ctx, err := f.context.contextSettings()
	if err != nil {
		return err
	}
	if err := contextMode(s, fs, ctx); err != nil || s.Mode == token.Kubeconfig || s.Mode == token.ArgoToken {
		return err
	}
	if !fs.Changed("token-service-account") && !fs.Changed("token-secret") {
		s.ServiceAccount = ctx.TokenServiceAccount
		if s.Mode != token.Request {
			s.SecretName = ctx.TokenSecret
		}
	}
	if !fs.Changed("token-namespace") && ctx.TokenNamespace != "" {
		s.Namespace = ctx.TokenNamespace
	}
	if s.Namespace == "" && namespace == "" {
		if s.Namespace, err = f.context.contextNamespace(); err != nil {
			return err
		}
	}
	contextRequestTuning(s, fs, ctx)
	return nil
}

// contextMode takes the context's token source unless --token-source chose one.
func contextMode(s *token.Settings, fs *pflag.FlagSet, ctx contextconfig.Settings) error {
	if fs.Changed("token-source") || ctx.TokenSource == "" {
		return nil
	}
	mode, err := token.ParseMode(ctx.TokenSource)
	if err != nil {
		return &UsageError{Err: fmt.Errorf("the kube context's argo-submit tokenSource: %w", err)}
	}
	s.Mode = mode
	return nil
}

// contextRequestTuning applies the context's duration and audiences to a requested token only: the
// other sources cannot use them, and token.Settings rejects them there.
func contextRequestTuning(s *token.Settings, fs *pflag.FlagSet, ctx contextconfig.Settings) {
	if s.Mode != token.Request && (s.Mode != token.Auto || s.ServiceAccount == "") {
		return
	}
	if ctx.TokenDuration != nil && !fs.Changed("token-duration") {
		s.Duration = ctx.TokenDuration.Duration
	}
	if len(ctx.TokenAudiences) > 0 && !fs.Changed("token-audience") {
		s.Audiences = ctx.TokenAudiences
	}
}
