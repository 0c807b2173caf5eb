package token

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/rest"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// keyInputs are the parts of a cache key, changed one at a time by the test.
type keyInputs struct {
	cfg      *rest.Config
	user     string
	settings Settings
}

func baseKeyInputs() keyInputs {
	return keyInputs{
		cfg: &rest.Config{
			Host:            "https://10.0.0.1:6443",
			BearerToken:     "kube-bearer-secret",
			TLSClientConfig: rest.TLSClientConfig{CAData: []byte("ca-bundle")},
		},
		user: "admin",
		settings: Settings{Mode: Request, ServiceAccount: "ci", Namespace: "argo", Duration: time.Hour,
			Audiences: []string{"b", "a"}},
	}
}

func (in keyInputs) key() CacheKey { return NewCacheKey(in.cfg, in.user, in.settings) }

func TestCacheKeySameInputsSameKey(t *testing.T) {
	first, again := baseKeyInputs(), baseKeyInputs()
	again.settings.Audiences = []string{"a", "b"}
	if first.key().ID() != again.key().ID() {
		t.Error("the same inputs (audiences in another order) give another key")
	}
	if id := first.key().ID(); len(id) != 64 || strings.Trim(id, "0123456789abcdef") != "" {
		t.Errorf("ID %q is no hex sha256", id)
	}
}

func TestCacheKeyEachInputChangesTheKey(t *testing.T) {
	changes := map[string]func(*keyInputs){
		"server":           func(in *keyInputs) { in.cfg.Host = "https://10.0.0.2:6443" },
		"CA data":          func(in *keyInputs) { in.cfg.CAData = []byte("other-ca") },
		"CA file":          func(in *keyInputs) { in.cfg.CAData, in.cfg.CAFile = nil, "/no/such/ca.crt" },
		"TLS server name":  func(in *keyInputs) { in.cfg.ServerName = "kubernetes" },
		"insecure":         func(in *keyInputs) { in.cfg.Insecure = true },
		"user name":        func(in *keyInputs) { in.user = "bob" },
		"bearer token":     func(in *keyInputs) { in.cfg.BearerToken = "other-secret" },
		"token file":       func(in *keyInputs) { in.cfg.BearerToken, in.cfg.BearerTokenFile = "", "/var/run/token" },
		"basic password":   func(in *keyInputs) { in.cfg.Username, in.cfg.Password = "u", "p" },
		"client cert":      func(in *keyInputs) { in.cfg.CertData, in.cfg.KeyData = []byte("cert"), []byte("key") },
		"exec command":     func(in *keyInputs) { in.cfg.ExecProvider = &clientcmdapi.ExecConfig{Command: "aws"} },
		"auth provider":    func(in *keyInputs) { in.cfg.AuthProvider = &clientcmdapi.AuthProviderConfig{Name: "oidc"} },
		"impersonate user": func(in *keyInputs) { in.cfg.Impersonate.UserName = "carol" },
		"impersonate uid":  func(in *keyInputs) { in.cfg.Impersonate.UID = "42" },
		"impersonate group": func(in *keyInputs) {
			in.cfg.Impersonate.Groups = []string{"admins"}
		},
		"namespace":       func(in *keyInputs) { in.settings.Namespace = "team-a" },
		"service account": func(in *keyInputs) { in.settings.ServiceAccount = "deployer" },
		"secret name":     func(in *keyInputs) { in.settings.SecretName = "ci-token" },
		"audiences":       func(in *keyInputs) { in.settings.Audiences = []string{"a"} },
		"duration":        func(in *keyInputs) { in.settings.Duration = 2 * time.Hour },
		"source":          func(in *keyInputs) { in.settings.Mode = Secret },
	}
	base := baseKeyInputs().key().ID()
	seen := map[string]string{}
	for name, change := range changes {
		in := baseKeyInputs()
		change(&in)
		id := in.key().ID()
		if id == base {
			t.Errorf("changing the %s keeps the key", name)
		}
		if other, dup := seen[id]; dup {
			t.Errorf("changing the %s gives the key of changing the %s", name, other)
		}
		seen[id] = name
	}
}

func TestCacheKeyDescriptionHoldsNoCredentials(t *testing.T) {
	in := baseKeyInputs()
	in.cfg.Password = "basic-password-secret"
	in.cfg.Username = "alice"
	in.cfg.KeyData = []byte("private-key-secret")
	in.cfg.CertData = []byte("client-cert-data")
	in.cfg.ExecProvider = &clientcmdapi.ExecConfig{Command: "aws",
		Env: []clientcmdapi.ExecEnvVar{{Name: "AWS_SECRET", Value: "exec-env-secret"}}}
	in.cfg.AuthProvider = &clientcmdapi.AuthProviderConfig{Name: "oidc", Config: map[string]string{"id-token": "oidc-id-token-secret"}}
	data, err := json.Marshal(in.key())
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"kube-bearer-secret", "basic-password-secret", "private-key-secret", "client-cert-data",
		"exec-env-secret", "oidc-id-token-secret", "ca-bundle"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("the key's description shows %q: %s", secret, data)
		}
	}
	for _, want := range []string{`"user":"admin"`, `"token"`, "exec plugin aws", "auth provider oidc", `"audiences":["a","b"]`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the key's description lacks %s: %s", want, data)
		}
	}
}
