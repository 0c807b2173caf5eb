package token

import (
	"context"
	"sync"
	"time"
)

// renewBefore is how long before its expiry a token is replaced: a request must not start with a
// token that dies in flight.
const renewBefore = time.Minute

// Provider gives Credentials their tokens. Resolve may hand out a cached token; Renew is called
// after the server refused the current one, so it must not hand that token out again.
type Provider interface {
	Resolve(ctx context.Context) (*Token, error)
	Renew(ctx context.Context) (*Token, error)
}

// ResolveFunc is a Provider that renews the way it resolves, for sources that cache nothing.
type ResolveFunc func(ctx context.Context) (*Token, error)

func (f ResolveFunc) Resolve(ctx context.Context) (*Token, error) { return f(ctx) }
func (f ResolveFunc) Renew(ctx context.Context) (*Token, error)   { return f(ctx) }

// Credentials hands a token to every Argo request and renews it from the same source: before it
// expires (a TokenRequest lasts 1h by default; a --wait can last longer) and when the server
// rejects it (Renew, called by the Argo client on a 401). Safe for concurrent use.
type Credentials struct {
	provider Provider
	now      func() time.Time
	onToken  func(*Token)

	mu    sync.Mutex
	token *Token
}

// NewCredentials gets tokens from provider, reporting each new one to onToken (which registers
// it with the log redactor) before it is used.
func NewCredentials(provider Provider, onToken func(*Token)) *Credentials {
	return &Credentials{provider: provider, now: time.Now, onToken: onToken}
}

// Token returns the current token, resolving it first when there is none or it expires soon.
func (c *Credentials) Token(ctx context.Context) (*Token, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token != nil && !c.expiresSoon(c.token) {
		return c.token, nil
	}
	return c.replaceLocked(ctx, c.provider.Resolve)
}

// Authorization is the argo.Credentials method: the header value of the current token.
func (c *Credentials) Authorization(ctx context.Context) (string, error) {
	tok, err := c.Token(ctx)
	if err != nil {
		return "", err
	}
	return tok.Authorization(), nil
}

// Renew replaces the token with a fresh one from the same source, never a cached one: the
// server has just refused the current token.
func (c *Credentials) Renew(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, err := c.replaceLocked(ctx, c.provider.Renew)
	return err
}

func (c *Credentials) replaceLocked(ctx context.Context, get func(context.Context) (*Token, error)) (*Token, error) {
	tok, err := get(ctx)
	if err != nil {
		return nil, err
	}
	if c.onToken != nil {
		c.onToken(tok)
	}
	c.token = tok
	return tok, nil
}

func (c *Credentials) expiresSoon(tok *Token) bool {
	return !tok.Expiry.IsZero() && c.now().Add(renewBefore).After(tok.Expiry)
}
