package token

import (
	"context"
	"errors"
	"testing"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/rest"
)

// mapCache is a Cache in memory that records what it was asked.
type mapCache struct {
	tokens map[string]*Token
	calls  []string
	keys   []CacheKey
}

func (c *mapCache) Token(ctx context.Context, key CacheKey, mint ResolveFunc) (*Token, error) {
	c.calls, c.keys = append(c.calls, "token"), append(c.keys, key)
	if tok := c.tokens[key.ID()]; tok != nil {
		return tok, nil
	}
	return c.mint(ctx, key, mint)
}

func (c *mapCache) Renew(ctx context.Context, key CacheKey, mint ResolveFunc) (*Token, error) {
	c.calls, c.keys = append(c.calls, "renew"), append(c.keys, key)
	delete(c.tokens, key.ID())
	return c.mint(ctx, key, mint)
}

func (c *mapCache) mint(ctx context.Context, key CacheKey, mint ResolveFunc) (*Token, error) {
	tok, err := mint(ctx)
	if err == nil {
		c.tokens[key.ID()] = tok
	}
	return tok, err
}

func cachingResolver(settings Settings, client KubeClient, cache Cache) *Resolver {
	r := clientResolver(settings, client, &rest.Config{Host: "https://10.0.0.1:6443", BearerToken: "kube-secret"})
	r.Cache, r.KubeUser = cache, func() string { return "admin" }
	return r
}

func TestResolverCachesRequestedTokens(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil))
	var seen []*authenticationv1.TokenRequest
	client.PrependReactor("create", "serviceaccounts", tokenRequestReactor("requested", time.Now().Add(time.Hour), &seen))
	cache := &mapCache{tokens: map[string]*Token{}}
	settings := Settings{ServiceAccount: testSA, Namespace: testNamespace, Duration: time.Hour}
	for range 2 {
		tok, err := cachingResolver(settings, client, cache).Resolve(context.Background())
		if err != nil || tok.Authorization() != "Bearer requested" {
			t.Fatalf("got %v, %v", tok, err)
		}
	}
	if len(seen) != 1 {
		t.Errorf("%d TokenRequests for two resolutions through the cache, want 1", len(seen))
	}
	key := cache.keys[0]
	if key.User != "admin" || key.Server != "https://10.0.0.1:6443" || key.ServiceAccount != testSA || key.Source != Auto {
		t.Errorf("key = %+v", key)
	}
	if _, err := cachingResolver(settings, client, cache).Renew(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || cache.calls[len(cache.calls)-1] != "renew" {
		t.Errorf("Renew: %d TokenRequests, cache calls %v; want a second TokenRequest through Cache.Renew", len(seen), cache.calls)
	}
}

func TestResolverCachesNothingElse(t *testing.T) {
	for name, settings := range map[string]Settings{
		"argo token":            {ArgoToken: "direct"},
		"argo token wins":       {ArgoToken: "direct", ServiceAccount: testSA, Namespace: testNamespace},
		"kubeconfig":            {},
		"explicit kubeconfig":   {Mode: Kubeconfig},
		"explicit argo-token":   {Mode: ArgoToken, ArgoToken: "direct"},
		"invalid settings fail": {Mode: Request},
	} {
		t.Run(name, func(t *testing.T) {
			cache := &mapCache{tokens: map[string]*Token{}}
			r := cachingResolver(settings, nil, cache)
			_, _ = r.Resolve(context.Background())
			_, _ = r.Renew(context.Background())
			if len(cache.calls) != 0 {
				t.Errorf("the cache was asked %v", cache.calls)
			}
		})
	}
}

func TestResolverWithoutRESTConfigMintsUncached(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil))
	var seen []*authenticationv1.TokenRequest
	client.PrependReactor("create", "serviceaccounts", tokenRequestReactor("requested", time.Now().Add(time.Hour), &seen))
	cache := &mapCache{tokens: map[string]*Token{}}
	r := cachingResolver(Settings{Mode: Request, ServiceAccount: testSA, Namespace: testNamespace}, client, cache)
	r.RESTConfig = func() (*rest.Config, error) { return nil, errors.New("no kubeconfig") }
	if _, err := r.Resolve(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(cache.calls) != 0 || len(seen) != 1 {
		t.Errorf("cache calls %v, %d TokenRequests", cache.calls, len(seen))
	}
}

// countingProvider tells Resolve from Renew.
type countingProvider struct{ resolved, renewed int }

func (p *countingProvider) Resolve(context.Context) (*Token, error) {
	p.resolved++
	return NewToken("Bearer cached", Request, "", time.Time{}), nil
}

func (p *countingProvider) Renew(context.Context) (*Token, error) {
	p.renewed++
	return NewToken("Bearer fresh", Request, "", time.Time{}), nil
}

func TestCredentialsRenewAsksForAFreshToken(t *testing.T) {
	p := &countingProvider{}
	creds := NewCredentials(p, nil)
	if got, _ := creds.Authorization(context.Background()); got != "Bearer cached" {
		t.Fatalf("got %q", got)
	}
	if err := creds.Renew(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, _ := creds.Authorization(context.Background()); got != "Bearer fresh" || p.resolved != 1 || p.renewed != 1 {
		t.Errorf("got %q after %d resolves and %d renewals", got, p.resolved, p.renewed)
	}
}
