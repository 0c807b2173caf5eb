package tokencache

import (
	"context"

	"k8s.io/klog/v2"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

// A Store is the Resolver's cache.
var _ token.Cache = (*Store)(nil)

// Token returns the token cached under key while it has enough life left (see reusable), else
// mints one with mint and caches it. The entry's lock makes parallel runs mint once: the one
// holding it mints, the others wait and then read what it wrote.
func (s *Store) Token(ctx context.Context, key token.CacheKey, mint token.ResolveFunc) (*token.Token, error) {
	id := key.ID()
	if !s.usable() {
		return mint(ctx)
	}
	if tok := s.cached(id); tok != nil {
		return tok, nil
	}
	unlock, locked := s.lock(ctx, id)
	if !locked {
		return mint(ctx)
	}
	defer unlock()
	if tok := s.cached(id); tok != nil {
		return tok, nil // minted by the run that held the lock
	}
	return s.mintAndStore(ctx, id, key, mint)
}

// Renew drops the entry under key, which holds the token the server refused, and mints anew.
func (s *Store) Renew(ctx context.Context, key token.CacheKey, mint token.ResolveFunc) (*token.Token, error) {
	id := key.ID()
	if !s.usable() {
		return mint(ctx)
	}
	unlock, locked := s.lock(ctx, id)
	if !locked {
		s.remove(id)
		return mint(ctx)
	}
	defer unlock()
	s.remove(id)
	return s.mintAndStore(ctx, id, key, mint)
}

// usable makes sure the folder exists with mode 0700; a folder that cannot be made private is
// not used, as it would show tokens to other users.
func (s *Store) usable() bool {
	if err := ensureDir(s.Dir); err != nil {
		klog.V(1).Infof("token cache not used: %v", err)
		return false
	}
	return true
}

// cached reads the entry under id and returns its token when it may be reused, nil otherwise.
func (s *Store) cached(id string) *token.Token {
	e := s.read(id)
	if e == nil || !reusable(e.IssuedAt, e.Expiry, s.now(), s.maxAge()) {
		return nil
	}
	tok := e.token()
	klog.V(4).Infof("token cache: reusing the %s (entry %s)", tok, short(id))
	return tok
}

// mintAndStore mints and keeps the token; a token that cannot be kept is used all the same.
func (s *Store) mintAndStore(ctx context.Context, id string, key token.CacheKey, mint token.ResolveFunc) (*token.Token, error) {
	tok, err := mint(ctx)
	if err != nil {
		return nil, err
	}
	if !storable(tok) {
		return tok, nil
	}
	if err := s.write(id, newEntry(id, key, tok, s.now())); err != nil {
		klog.V(1).Infof("token cache: cannot keep the %s: %v", tok, err)
	}
	return tok, nil
}

// short names an entry in logs; the full key is in the file name.
func short(id string) string {
	if len(id) > 12 {
		return id[:12]
	}
	return id
}
