package token

import (
	"context"
	"strings"
	"time"
)

// ArgoTokenSource sends a token given directly (--argo-token / ARGO_TOKEN).
type ArgoTokenSource struct {
	Value string
}

const (
	bearerPrefix = "Bearer "
	basicPrefix  = "Basic "
)

func (ArgoTokenSource) Mode() Mode { return ArgoToken }

// Token returns Value as an Authorization header: as given when it already
// names its scheme ("Bearer …", including Argo SSO's "Bearer v2:…", or
// "Basic …"), else as a bearer token. Surrounding whitespace, such as the
// newline a token file ends with, is dropped.
func (s ArgoTokenSource) Token(context.Context) (*Token, error) {
	authorization, err := normaliseArgoToken(s.Value)
	if err != nil {
		return nil, err
	}
	return NewToken(authorization, ArgoToken, "--argo-token/ARGO_TOKEN", time.Time{}), nil
}

func normaliseArgoToken(value string) (string, error) {
	value = strings.TrimSpace(value)
	switch {
	case value == "":
		return "", usageError(ArgoToken, "the Argo token (--argo-token or ARGO_TOKEN) is empty")
	case strings.ContainsAny(value, "\r\n\x00"):
		// A header value cannot hold a line break; this is usually two
		// tokens pasted together.
		return "", usageError(ArgoToken, "the Argo token (--argo-token or ARGO_TOKEN) contains a line break")
	case value == strings.TrimSpace(bearerPrefix) || value == strings.TrimSpace(basicPrefix):
		return "", usageError(ArgoToken, "the Argo token (--argo-token or ARGO_TOKEN) is only the word %q, with no credential after it", value)
	default:
		return authorizationFor(value), nil
	}
}

// authorizationFor makes a header value of a credential: as given when it
// names its scheme, else as a bearer token.
func authorizationFor(value string) string {
	value = strings.TrimSpace(value)
	if strings.HasPrefix(value, bearerPrefix) || strings.HasPrefix(value, basicPrefix) {
		return value
	}
	return bearerPrefix + value
}
