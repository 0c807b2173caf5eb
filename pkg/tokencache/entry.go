package tokencache

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

// entryVersion is the file format; an entry of another version is replaced.
const entryVersion = 1

// entry is one cached token as stored. KeyMaterial says what the token is for, without the kube
// credentials; Authorization is the only secret.
type entry struct {
	Version       int            `json:"version"`
	Key           string         `json:"key"`
	KeyMaterial   token.CacheKey `json:"keyMaterial"`
	Authorization string         `json:"authorization"`
	Expiry        time.Time      `json:"expiry,omitzero"`
	IssuedAt      time.Time      `json:"issuedAt"`
	Source        token.Mode     `json:"source"`
	Subject       string         `json:"subject"`
}

func newEntry(id string, key token.CacheKey, tok *token.Token, now time.Time) *entry {
	return &entry{
		Version:       entryVersion,
		Key:           id,
		KeyMaterial:   key,
		Authorization: tok.Authorization(),
		Expiry:        tok.Expiry,
		IssuedAt:      now.UTC(),
		Source:        tok.Source,
		Subject:       tok.Subject,
	}
}

// storable says whether tok may be cached: only tokens from the Kubernetes API are, never a
// token given directly or the kubeconfig's own.
func storable(tok *token.Token) bool {
	return tok.Source == token.Request || tok.Source == token.Secret
}

func (e *entry) token() *token.Token {
	return token.NewToken(e.Authorization, e.Source, e.Subject, e.Expiry)
}

// decodeEntry reads an entry stored under id. Its errors never quote the file, which may hold a
// token.
func decodeEntry(data []byte, id string) (*entry, error) {
	var e entry
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, errors.New("not valid JSON")
	}
	if err := e.check(id); err != nil {
		return nil, err
	}
	return &e, nil
}

func (e *entry) check(id string) error {
	switch {
	case e.Version != entryVersion:
		return fmt.Errorf("format version %d, not %d", e.Version, entryVersion)
	case e.Key != id:
		return errors.New("made for another key")
	case strings.TrimSpace(e.Authorization) == "" || strings.ContainsAny(e.Authorization, "\r\n\x00"):
		return errors.New("no usable token")
	case e.Source != token.Request && e.Source != token.Secret:
		return fmt.Errorf("source %q is never cached", e.Source)
	case e.IssuedAt.IsZero():
		return errors.New("no issue time")
	}
	return nil
}
