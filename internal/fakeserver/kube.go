package fakeserver

import (
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Kube is a fake Kubernetes API with one service account per namespace, named ServiceAccount, that
// has a legacy token Secret "<sa>-token". It serves what token resolution uses, and the lists that
// shell completion reads (kubelists.go).
type Kube struct {
	*httptest.Server
	AdminToken     string // the kubeconfig's bearer token; anything else gets 401
	ServiceAccount string
	MintedToken    string // status.token of every TokenRequest
	SecretToken    string // data.token of the Secret
	// ForbidTokenRequest answers TokenRequests with 403, as when RBAC lacks create serviceaccounts/token.
	ForbidTokenRequest bool
	// Namespaces is what GET /api/v1/namespaces lists; every namespace holds the same objects.
	Namespaces []string
	// Templates names the argoproj.io objects listed per resource: workflowtemplates,
	// clusterworkflowtemplates (cluster-scoped) and cronworkflows.
	Templates map[string][]string

	mu            sync.Mutex
	calls         []string
	tokenRequests []TokenRequestSpec
}

// NewKube starts the fake (TLS, its certificate trusted by the kubeconfig it writes) on 127.0.0.1 with distinct, recognisable secrets.
func NewKube(t testing.TB) *Kube {
	t.Helper()
	k := &Kube{
		AdminToken:     "kube-admin-secret-3f9a",
		ServiceAccount: "ci",
		MintedToken:    "eyJhbGciOiJSUzI1NiJ9.minted-secret-7c1d.c2ln",
		SecretToken:    "eyJhbGciOiJSUzI1NiJ9.legacy-secret-5e2b.c2ln",
		Namespaces:     []string{"argo", "default", "team-a"},
		Templates: map[string][]string{
			"workflowtemplates":        {"build", "hello-template"},
			"clusterworkflowtemplates": {"cluster-hello"},
			"cronworkflows":            {"nightly"},
		},
	}
	// TLS, because clientcmd sends a kubeconfig's credentials only over TLS.
	k.Server = httptest.NewTLSServer(http.HandlerFunc(k.serve))
	t.Cleanup(k.Close)
	return k
}

// Calls lists "VERB path" of every request received.
func (k *Kube) Calls() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.calls...)
}

// WriteKubeconfig writes a kubeconfig for this server with the given namespace and returns its path.
func (k *Kube) WriteKubeconfig(t testing.TB, namespace string) string {
	path := WriteKubeconfig(t, k.URL, k.AdminToken, namespace)
	ca := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: k.Certificate().Raw})
	trusting := strings.Replace(readFile(t, path), "insecure-skip-tls-verify: true",
		"certificate-authority-data: "+base64.StdEncoding.EncodeToString(ca), 1)
	if err := os.WriteFile(path, []byte(trusting), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// WriteKubeconfig writes a one-context kubeconfig with a bearer token, TLS unverified, and returns its path.
func WriteKubeconfig(t testing.TB, server, token, namespace string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kubeconfig")
	config := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster:
    server: %s
    insecure-skip-tls-verify: true
contexts:
- name: fake
  context: {cluster: fake, user: admin, namespace: %s}
current-context: fake
users:
- name: admin
  user:
    token: %s
`, server, namespace, token)
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func (k *Kube) serve(w http.ResponseWriter, r *http.Request) {
	k.mu.Lock()
	k.calls = append(k.calls, r.Method+" "+r.URL.Path)
	k.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+k.AdminToken {
		writeStatus(w, http.StatusUnauthorized, "Unauthorized", "Unauthorized")
		return
	}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/") // api v1 namespaces NS RESOURCE [NAME [SUB]]
	if r.Method == http.MethodGet && k.serveList(w, r, parts) {
		return
	}
	if len(parts) < 5 || parts[0] != "api" || parts[2] != "namespaces" {
		writeStatus(w, http.StatusNotFound, "NotFound", "the server could not find the requested resource")
		return
	}
	k.serveNamespaced(w, r, parts[3], parts[4:])
}

func (k *Kube) serveNamespaced(w http.ResponseWriter, r *http.Request, ns string, rest []string) {
	switch {
	case len(rest) == 3 && rest[0] == "serviceaccounts" && rest[2] == "token" && r.Method == http.MethodPost:
		k.recordTokenRequest(r)
		k.serveTokenRequest(w, ns, rest[1])
	case len(rest) == 2 && rest[0] == "serviceaccounts" && rest[1] == k.ServiceAccount:
		writeJSON(w, http.StatusOK, map[string]any{
			"apiVersion": "v1", "kind": "ServiceAccount",
			"metadata": map[string]any{"name": k.ServiceAccount, "namespace": ns},
			"secrets":  []any{map[string]any{"name": k.secretName()}},
		})
	case len(rest) == 2 && rest[0] == "secrets" && rest[1] == k.secretName():
		writeJSON(w, http.StatusOK, k.secret(ns))
	default:
		writeStatus(w, http.StatusNotFound, "NotFound", fmt.Sprintf("%s %q not found", rest[0], strings.Join(rest[1:], "/")))
	}
}

func (k *Kube) serveTokenRequest(w http.ResponseWriter, ns, sa string) {
	if k.ForbidTokenRequest {
		writeStatus(w, http.StatusForbidden, "Forbidden", fmt.Sprintf(
			`serviceaccounts "%s" is forbidden: User "alice" cannot create resource "serviceaccounts/token" in API group "" in the namespace "%s"`, sa, ns))
		return
	}
	if sa != k.ServiceAccount {
		writeStatus(w, http.StatusNotFound, "NotFound", fmt.Sprintf(`serviceaccounts "%s" not found`, sa))
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{
		"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
		"metadata": map[string]any{"name": sa, "namespace": ns},
		"spec":     map[string]any{"audiences": []any{"https://kubernetes.default.svc"}},
		"status": map[string]any{
			"token":               k.MintedToken,
			"expirationTimestamp": time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
		},
	})
}

func (k *Kube) secretName() string { return k.ServiceAccount + "-token" }

func (k *Kube) secret(ns string) map[string]any {
	return map[string]any{
		"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/service-account-token",
		"metadata": map[string]any{
			"name": k.secretName(), "namespace": ns,
			"annotations": map[string]any{"kubernetes.io/service-account.name": k.ServiceAccount},
		},
		"data": map[string]any{"token": base64.StdEncoding.EncodeToString([]byte(k.SecretToken))},
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeStatus(w http.ResponseWriter, code int, reason, message string) {
	writeJSON(w, code, map[string]any{
		"apiVersion": "v1", "kind": "Status", "status": "Failure",
		"reason": reason, "message": message, "code": code,
	})
}
