package token

import (
	"context"
	"fmt"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// RequestSource asks the Kubernetes API for a short-lived token of a service
// account (TokenRequest: create serviceaccounts/token).
type RequestSource struct {
	Client         KubeClient
	Namespace      string
	ServiceAccount string
	Duration       time.Duration // ExpirationSeconds; 0 leaves it to the API server
	Audiences      []string      // nil means the API server's own audience

	// beforeSecret is set when the Resolver will fall back to the Secret on
	// Forbidden, so errors do not suggest what it does anyway.
	beforeSecret bool
}

func (RequestSource) Mode() Mode { return Request }

// Token creates the token. Its expiry is the one the API server granted,
// which may be shorter than Duration.
func (s RequestSource) Token(ctx context.Context) (*Token, error) {
	if s.ServiceAccount == "" {
		return nil, usageError(Request, "--token-source request needs --token-service-account")
	}
	call := s.call()
	resp, err := s.Client.CoreV1().ServiceAccounts(s.Namespace).
		CreateToken(ctx, s.ServiceAccount, s.tokenRequest(), metav1.CreateOptions{})
	if err != nil {
		return nil, call.fail(err, s.alternative())
	}
	if resp.Status.Token == "" {
		return nil, authError(Request, nil, "the API server returned an empty token when asked to %s", call.purpose)
	}
	var expiry time.Time
	if !resp.Status.ExpirationTimestamp.IsZero() {
		expiry = resp.Status.ExpirationTimestamp.Time
	}
	return NewToken(bearerPrefix+resp.Status.Token, Request, s.subject(), expiry), nil
}

// alternative is the other source to suggest in an error, "" when it is
// tried anyway.
func (s RequestSource) alternative() string {
	if s.beforeSecret {
		return ""
	}
	return "or use --token-source secret to read the service account's legacy token Secret instead"
}

func (s RequestSource) tokenRequest() *authenticationv1.TokenRequest {
	req := &authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{Audiences: s.Audiences}}
	if s.Duration > 0 {
		seconds := int64(s.Duration / time.Second)
		req.Spec.ExpirationSeconds = &seconds
	}
	return req
}

func (s RequestSource) subject() string {
	return fmt.Sprintf("serviceaccount %s/%s", s.Namespace, s.ServiceAccount)
}

func (s RequestSource) call() apiCall {
	return apiCall{
		source:       Request,
		verb:         "create",
		resource:     "serviceaccounts/token",
		namespace:    s.Namespace,
		resourceName: s.ServiceAccount,
		what:         fmt.Sprintf("serviceaccount %q", s.ServiceAccount),
		purpose:      fmt.Sprintf("request a token for serviceaccount %s/%s", s.Namespace, s.ServiceAccount),
	}
}
