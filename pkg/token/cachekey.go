package token

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"slices"

	"k8s.io/client-go/rest"
)

// cacheKeyVersion is hashed into every ID, so that a change of what a key holds never matches
// an entry made under the old meaning.
const cacheKeyVersion = "kubectl-argo-submit token cache key v1"

// CacheKey is everything that decides which token a request or secret source gets: the API
// server, the identity asking and what it asks for. It holds no secret: the kube credentials
// enter only as a hash, and only into ID, so the key can be stored beside the token to say what
// the entry is.
type CacheKey struct {
	Server         string         `json:"server"`
	TLSServerName  string         `json:"tlsServerName,omitempty"`
	Insecure       bool           `json:"insecure,omitempty"`
	CA             string         `json:"ca,omitempty"` // sha256 of the CA bundle, not the bundle
	User           string         `json:"user,omitempty"`
	Credentials    []string       `json:"credentials,omitempty"` // their kinds, e.g. "exec plugin aws"
	Impersonate    *Impersonation `json:"impersonate,omitempty"`
	Namespace      string         `json:"namespace"`
	ServiceAccount string         `json:"serviceAccount,omitempty"`
	SecretName     string         `json:"secretName,omitempty"`
	Audiences      []string       `json:"audiences,omitempty"` // sorted: their order changes nothing
	Duration       string         `json:"duration,omitempty"`
	Source         Mode           `json:"source"`

	credentialsHash string
}

// Impersonation is --as, --as-uid, --as-group and extras: the identity the API server mints for.
type Impersonation struct {
	UserName string              `json:"userName,omitempty"`
	UID      string              `json:"uid,omitempty"`
	Groups   []string            `json:"groups,omitempty"`
	Extra    map[string][]string `json:"extra,omitempty"`
}

// NewCacheKey describes the token that settings get through cfg, the REST config of the
// kubeconfig user named user ("" when unnamed, as in a pod).
func NewCacheKey(cfg *rest.Config, user string, s Settings) CacheKey {
	key := CacheKey{
		Server:          cfg.Host,
		TLSServerName:   cfg.ServerName,
		Insecure:        cfg.Insecure,
		CA:              caHash(cfg.TLSClientConfig),
		User:            user,
		Credentials:     credentialKinds(cfg),
		Impersonate:     impersonation(cfg.Impersonate),
		Namespace:       s.Namespace,
		ServiceAccount:  s.ServiceAccount,
		SecretName:      s.SecretName,
		Audiences:       sorted(s.Audiences),
		Source:          s.mode(),
		credentialsHash: credentialsHash(cfg),
	}
	if s.Duration > 0 {
		key.Duration = s.Duration.String()
	}
	return key
}

// ID is the key as a file name: the hex sha256 of the description and the credentials' hash.
func (k CacheKey) ID() string {
	material, _ := json.Marshal(struct {
		Version     string   `json:"version"`
		Key         CacheKey `json:"key"`
		Credentials string   `json:"credentials"`
	}{cacheKeyVersion, k, k.credentialsHash})
	sum := sha256.Sum256(material)
	return hex.EncodeToString(sum[:])
}

// caHash stands for the CA the client trusts; a file is hashed by content, as the same path may
// hold another cluster's CA later. An unreadable file is named by its path instead.
func caHash(tls rest.TLSClientConfig) string {
	switch {
	case len(tls.CAData) > 0:
		return hashOf(tls.CAData)
	case tls.CAFile != "":
		if data, err := os.ReadFile(tls.CAFile); err == nil {
			return hashOf(data)
		}
		return hashOf([]byte("file:" + tls.CAFile))
	}
	return ""
}

// credentialsHash stands for the identity the kube credentials prove. A token file is hashed by
// path, not content: a rotated projected token is still the same identity.
func credentialsHash(cfg *rest.Config) string {
	material := struct {
		Token, TokenFile, Username, Password string
		CertData, KeyData                    []byte
		CertFile, KeyFile                    string
		Exec                                 []string
		AuthProvider                         string
		AuthConfig                           map[string]string
	}{
		Token: cfg.BearerToken, TokenFile: cfg.BearerTokenFile, Username: cfg.Username, Password: cfg.Password,
		CertData: cfg.CertData, KeyData: cfg.KeyData, CertFile: cfg.CertFile, KeyFile: cfg.KeyFile,
		Exec: execIdentity(cfg),
	}
	if cfg.AuthProvider != nil {
		material.AuthProvider, material.AuthConfig = cfg.AuthProvider.Name, cfg.AuthProvider.Config
	}
	data, _ := json.Marshal(material)
	return hashOf(data)
}

// execIdentity is what decides an exec plugin's credential: its command, arguments, environment
// and API version.
func execIdentity(cfg *rest.Config) []string {
	exec := cfg.ExecProvider
	if exec == nil {
		return nil
	}
	out := append([]string{exec.APIVersion, exec.Command}, exec.Args...)
	for _, env := range exec.Env {
		out = append(out, env.Name+"="+env.Value)
	}
	return out
}

// credentialKinds names the credentials without their values, for the stored description.
func credentialKinds(cfg *rest.Config) []string {
	var kinds []string
	add := func(present bool, kind string) {
		if present {
			kinds = append(kinds, kind)
		}
	}
	add(cfg.BearerToken != "", "token")
	add(cfg.BearerTokenFile != "", "token file "+cfg.BearerTokenFile)
	add(cfg.Username != "", "basic auth")
	add(len(cfg.CertData) > 0 || cfg.CertFile != "", "client certificate")
	if cfg.ExecProvider != nil {
		kinds = append(kinds, "exec plugin "+cfg.ExecProvider.Command)
	}
	if cfg.AuthProvider != nil {
		kinds = append(kinds, "auth provider "+cfg.AuthProvider.Name)
	}
	return kinds
}

func impersonation(imp rest.ImpersonationConfig) *Impersonation {
	if imp.UserName == "" && imp.UID == "" && len(imp.Groups) == 0 && len(imp.Extra) == 0 {
		return nil
	}
	out := &Impersonation{UserName: imp.UserName, UID: imp.UID, Groups: sorted(imp.Groups)}
	if len(imp.Extra) > 0 {
		out.Extra = make(map[string][]string, len(imp.Extra))
		for k, v := range imp.Extra {
			out.Extra[k] = sorted(v)
		}
	}
	return out
}

func sorted(values []string) []string {
	if len(values) == 0 {
		return nil
	}
	return slices.Sorted(slices.Values(values))
}

func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
