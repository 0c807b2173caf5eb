package token

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/klog/v2"
)

// SecretSource reads a service account's token from a legacy Secret of type
// kubernetes.io/service-account-token, found the way Argo itself finds it.
type SecretSource struct {
	Client         KubeClient
	Namespace      string
	ServiceAccount string
	SecretName     string        // exactly this Secret when set (ServiceAccount may then be empty)
	Wait           time.Duration // how long to wait for an empty data.token to be filled; 0 means 10s, <0 no wait
	PollInterval   time.Duration // 0 means 500ms

	// afterRequest is set when the Resolver falls back here from a forbidden
	// TokenRequest, so errors do not suggest the request it already tried.
	afterRequest bool
}

const (
	defaultSecretWait   = 10 * time.Second
	defaultPollInterval = 500 * time.Millisecond

	// tokenNameAnnotation on a service account names its token Secret (Argo's convention).
	tokenNameAnnotation = "workflows.argoproj.io/service-account-token.name"
	// tokenSecretSuffix makes the Secret name Argo's docs tell users to create.
	tokenSecretSuffix = ".service-account-token"
	secretTokenKey    = corev1.ServiceAccountTokenKey
)

func (SecretSource) Mode() Mode { return Secret }

// Token finds the Secret and returns its data.token as a bearer token,
// waiting (cancellably, through ctx) for the token controller to fill a
// Secret that is still empty.
func (s SecretSource) Token(ctx context.Context) (*Token, error) {
	if s.SecretName != "" {
		return s.namedSecretToken(ctx)
	}
	if s.ServiceAccount == "" {
		return nil, usageError(Secret, "--token-source secret needs --token-service-account or --token-secret")
	}
	sa, err := s.Client.CoreV1().ServiceAccounts(s.Namespace).Get(ctx, s.ServiceAccount, metav1.GetOptions{})
	if err != nil {
		return nil, s.getServiceAccountCall().fail(err, s.alternative())
	}
	search := &secretSearch{source: s, serviceAccount: sa, tried: map[string]bool{}}
	return search.run(ctx)
}

// namedSecretToken reads exactly s.SecretName. A Secret of another type is
// accepted when it has a token key, as a user may keep an Argo token there.
func (s SecretSource) namedSecretToken(ctx context.Context) (*Token, error) {
	secret, err := s.getSecret(ctx, s.SecretName)
	if err != nil {
		return nil, s.getSecretCall(s.SecretName).fail(err, "")
	}
	if value := tokenIn(secret); value != "" {
		return s.newToken(secret.Name, value), nil
	}
	if secret.Type != corev1.SecretTypeServiceAccountToken {
		return nil, authError(Secret, nil, "secret %s/%s (type %q) has no data.%s",
			s.Namespace, secret.Name, secret.Type, secretTokenKey)
	}
	return s.waitForToken(ctx, secret.Name)
}

func (s SecretSource) getSecret(ctx context.Context, name string) (*corev1.Secret, error) {
	return s.Client.CoreV1().Secrets(s.Namespace).Get(ctx, name, metav1.GetOptions{})
}

// tokenIn is the Secret's data.token; client-go has already decoded it from base64.
func tokenIn(secret *corev1.Secret) string {
	return strings.TrimSpace(string(secret.Data[secretTokenKey]))
}

func (s SecretSource) newToken(secretName, value string) *Token {
	subject := fmt.Sprintf("secret %s/%s", s.Namespace, secretName)
	return NewToken(authorizationFor(value), Secret, subject, time.Time{})
}

// waitForToken polls the Secret until the token controller
// (kube-controller-manager) fills its data.token, for up to s.Wait.
func (s SecretSource) waitForToken(ctx context.Context, name string) (*Token, error) {
	wait, interval := s.waits()
	klog.V(1).Infof("secret %s/%s has no data.%s yet; waiting up to %s for the token controller to fill it",
		s.Namespace, name, secretTokenKey, wait)
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	poll := time.NewTicker(interval)
	defer poll.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil, &Error{Kind: KindOther, Source: Secret, Err: ctx.Err(),
				Message: fmt.Sprintf("stopped waiting for secret %s/%s to get a token", s.Namespace, name)}
		case <-deadline.C:
			return nil, s.stillEmptyError(name, wait)
		case <-poll.C:
			secret, err := s.getSecret(ctx, name)
			if err != nil {
				return nil, s.getSecretCall(name).fail(err, "")
			}
			if value := tokenIn(secret); value != "" {
				return s.newToken(name, value), nil
			}
		}
	}
}

func (s SecretSource) waits() (wait, interval time.Duration) {
	wait, interval = s.Wait, s.PollInterval
	if wait == 0 {
		wait = defaultSecretWait
	}
	if wait < 0 {
		wait = 0
	}
	if interval <= 0 {
		interval = defaultPollInterval
	}
	return wait, interval
}

func (s SecretSource) stillEmptyError(name string, waited time.Duration) *Error {
	return authError(Secret, nil,
		"secret %s/%s still has no data.%s after %s: the token controller (kube-controller-manager) has not filled it; "+
			"check that its annotation %s names an existing serviceaccount%s",
		s.Namespace, name, secretTokenKey, waited, corev1.ServiceAccountNameKey, prefixed(", ", s.alternative()))
}

// alternative is the other source to suggest in an error, "" when it was tried.
func (s SecretSource) alternative() string {
	if s.afterRequest {
		return ""
	}
	return "or use --token-source request"
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func (s SecretSource) getServiceAccountCall() apiCall {
	return apiCall{
		source:       Secret,
		verb:         "get",
		resource:     "serviceaccounts",
		namespace:    s.Namespace,
		resourceName: s.ServiceAccount,
		what:         fmt.Sprintf("serviceaccount %q", s.ServiceAccount),
		purpose:      fmt.Sprintf("find the token Secret of serviceaccount %s/%s", s.Namespace, s.ServiceAccount),
	}
}

func (s SecretSource) getSecretCall(name string) apiCall {
	call := apiCall{
		source:    Secret,
		verb:      "get",
		resource:  "secrets",
		namespace: s.Namespace,
		what:      fmt.Sprintf("secret %q", name),
		purpose:   fmt.Sprintf("read the token in secret %s/%s", s.Namespace, name),
	}
	if s.SecretName != "" {
		// Only an explicit Secret is the one object the grant needs.
		call.resourceName = name
	}
	return call
}

func (s SecretSource) listSecretsCall() apiCall {
	return apiCall{
		source:    Secret,
		verb:      "list",
		resource:  "secrets",
		namespace: s.Namespace,
		what:      "token secrets",
		purpose:   fmt.Sprintf("find the token Secret of serviceaccount %s/%s", s.Namespace, s.ServiceAccount),
	}
}

// secretSearch walks Argo's lookup order for a service account's token
// Secret, noting why each candidate was passed over.
type secretSearch struct {
	source         SecretSource
	serviceAccount *corev1.ServiceAccount
	tried          map[string]bool
	notes          []string
	pending        string // first usable Secret whose data.token is still empty
}

// namedCandidate is a Secret name from one step of the lookup order.
type namedCandidate struct {
	name, origin string
}

func (q *secretSearch) run(ctx context.Context) (*Token, error) {
	for _, c := range q.namedCandidates() {
		tok, err := q.tryNamed(ctx, c)
		if tok != nil || err != nil {
			return tok, err
		}
	}
	tok, err := q.tryAnnotated(ctx)
	if tok != nil {
		return tok, nil
	}
	if q.pending != "" {
		return q.source.waitForToken(ctx, q.pending)
	}
	if err != nil {
		return nil, err
	}
	return nil, q.notFoundError()
}

// namedCandidates are the Secrets the service account points to, in order:
// its first listed secret, Argo's annotation, Argo's naming convention.
func (q *secretSearch) namedCandidates() []namedCandidate {
	var out []namedCandidate
	sa := q.serviceAccount
	if len(sa.Secrets) > 0 && sa.Secrets[0].Name != "" {
		out = append(out, namedCandidate{sa.Secrets[0].Name, "the serviceaccount's secrets[0]"})
	} else {
		q.note("the serviceaccount lists no secrets")
	}
	if name := sa.Annotations[tokenNameAnnotation]; name != "" {
		out = append(out, namedCandidate{name, "annotation " + tokenNameAnnotation})
	}
	out = append(out, namedCandidate{sa.Name + tokenSecretSuffix, "named <serviceaccount>" + tokenSecretSuffix})
	return out
}

// tryNamed returns a token, an error that ends the search, or neither to go on.
func (q *secretSearch) tryNamed(ctx context.Context, c namedCandidate) (*Token, error) {
	if q.tried[c.name] {
		return nil, nil
	}
	q.tried[c.name] = true
	secret, err := q.source.getSecret(ctx, c.name)
	if apierrors.IsNotFound(err) {
		q.note(fmt.Sprintf("secret %q (%s): not found", c.name, c.origin))
		return nil, nil
	}
	if err != nil {
		return nil, q.source.getSecretCall(c.name).fail(err, q.hint())
	}
	return q.consider(secret, c.origin), nil
}

// tryAnnotated lists the namespace's token Secrets and takes the first, by
// name, that belongs to the service account. An error is returned only
// when the list itself fails.
func (q *secretSearch) tryAnnotated(ctx context.Context) (*Token, error) {
	s := q.source
	list, err := s.Client.CoreV1().Secrets(s.Namespace).List(ctx, metav1.ListOptions{
		FieldSelector: fields.OneTermEqualSelector("type", string(corev1.SecretTypeServiceAccountToken)).String(),
	})
	if err != nil {
		return nil, s.listSecretsCall().fail(err, q.hint())
	}
	secrets := list.Items
	sort.Slice(secrets, func(i, j int) bool { return secrets[i].Name < secrets[j].Name })
	for i := range secrets {
		secret := &secrets[i]
		if q.tried[secret.Name] || secret.Type != corev1.SecretTypeServiceAccountToken ||
			secret.Annotations[corev1.ServiceAccountNameKey] != q.serviceAccount.Name {
			continue
		}
		q.tried[secret.Name] = true
		if tok := q.consider(secret, "annotated "+corev1.ServiceAccountNameKey); tok != nil {
			return tok, nil
		}
	}
	return nil, nil
}

// consider returns the Secret's token, or nil after noting why it cannot
// be used. An empty token Secret of the right kind is remembered: the
// token controller may still fill it.
func (q *secretSearch) consider(secret *corev1.Secret, origin string) *Token {
	where := fmt.Sprintf("secret %q (%s)", secret.Name, origin)
	owner := secret.Annotations[corev1.ServiceAccountNameKey]
	switch {
	case secret.Type != corev1.SecretTypeServiceAccountToken:
		q.note(fmt.Sprintf("%s: type %q, not %s", where, secret.Type, corev1.SecretTypeServiceAccountToken))
	case owner != "" && owner != q.serviceAccount.Name:
		q.note(fmt.Sprintf("%s: belongs to serviceaccount %q", where, owner))
	case tokenIn(secret) == "":
		q.note(fmt.Sprintf("%s: no data.%s yet", where, secretTokenKey))
		if q.pending == "" {
			q.pending = secret.Name
		}
	default:
		return q.source.newToken(secret.Name, tokenIn(secret))
	}
	return nil
}

func (q *secretSearch) note(n string) { q.notes = append(q.notes, n) }

// hint is what an error raised mid-search adds: the candidates looked at
// so far and the other source to try.
func (q *secretSearch) hint() string {
	var parts []string
	if len(q.notes) > 0 {
		parts = append(parts, "looked at so far: "+strings.Join(q.notes, "; "))
	}
	if alt := q.source.alternative(); alt != "" {
		parts = append(parts, alt)
	}
	return strings.Join(parts, "; ")
}

func (q *secretSearch) notFoundError() *Error {
	s, sa := q.source, q.serviceAccount.Name
	return authError(Secret, nil,
		"no token Secret found for serviceaccount %s/%s; looked at: %s; and no other Secret of type %s is annotated %s=%s. "+
			"Create a Secret of type %s named %q with annotation %s: %s (the token controller fills it in)%s",
		s.Namespace, sa, strings.Join(q.notes, "; "), corev1.SecretTypeServiceAccountToken, corev1.ServiceAccountNameKey, sa,
		corev1.SecretTypeServiceAccountToken, sa+tokenSecretSuffix, corev1.ServiceAccountNameKey, sa,
		prefixed(", ", s.alternative()))
}
