package token

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/client-go/rest"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

func kubeconfigSource(cfg *rest.Config) KubeconfigSource {
	return KubeconfigSource{RESTConfig: func() (*rest.Config, error) { return cfg, nil }}
}

// writeExecPlugin writes a credential plugin that prints an ExecCredential
// carrying token, and returns its path.
func writeExecPlugin(t *testing.T, script string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "credential-plugin.sh")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return path
}

func execConfig(command string) *rest.Config {
	return &rest.Config{
		Host: "https://127.0.0.1:6443",
		ExecProvider: &clientcmdapi.ExecConfig{
			Command:         command,
			APIVersion:      "client.authentication.k8s.io/v1",
			InteractiveMode: clientcmdapi.NeverExecInteractiveMode,
		},
	}
}

func TestKubeconfigSourceCredentials(t *testing.T) {
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	plugin := writeExecPlugin(t, `cat <<'EOF'
{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-exec-plugin"}}
EOF`)
	tests := []struct {
		name string
		cfg  *rest.Config
		want string
	}{
		{"bearer token", &rest.Config{Host: "https://127.0.0.1:6443", BearerToken: "from-kubeconfig"}, "Bearer from-kubeconfig"},
		{"bearer token file", &rest.Config{Host: "https://127.0.0.1:6443", BearerTokenFile: tokenFile}, "Bearer from-file"},
		{"exec plugin", execConfig(plugin), "Bearer from-exec-plugin"},
		{"basic auth", &rest.Config{Host: "https://127.0.0.1:6443", Username: "alice", Password: "pw"}, "Basic YWxpY2U6cHc="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := kubeconfigSource(tt.cfg).Token(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tok.Authorization() != tt.want || tok.Source != Kubeconfig || tok.Subject != "kubeconfig credentials" {
				t.Errorf("got %v with %q, want %q", tok, tok.Authorization(), tt.want)
			}
		})
	}
}

func TestKubeconfigSourceExecPluginFails(t *testing.T) {
	plugin := writeExecPlugin(t, `exit 1`)
	_, err := kubeconfigSource(execConfig(plugin)).Token(context.Background())
	assertError(t, err, KindAuth, "cannot get the kubeconfig's credentials", "exit code 1")
}

func TestKubeconfigSourceClientCertificateOnly(t *testing.T) {
	cfg := &rest.Config{Host: "https://127.0.0.1:6443", TLSClientConfig: rest.TLSClientConfig{
		CertData: []byte("-----BEGIN CERTIFICATE-----"), KeyData: []byte("-----BEGIN PRIVATE KEY-----")}}
	_, err := kubeconfigSource(cfg).Token(context.Background())
	assertError(t, err, KindAuth, "hold no token (a client certificate",
		"--argo-token", "ARGO_TOKEN", "--token-service-account", "--token-source request", "--token-source secret", "--token-secret")
}

func TestKubeconfigSourceImpersonation(t *testing.T) {
	for name, imp := range map[string]rest.ImpersonationConfig{
		"as":       {UserName: "bob"},
		"as-group": {Groups: []string{"admins"}},
		"as-uid":   {UID: "1234"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg := &rest.Config{Host: "https://127.0.0.1:6443", BearerToken: "t", Impersonate: imp}
			_, err := kubeconfigSource(cfg).Token(context.Background())
			assertError(t, err, KindUsage, "impersonat", "--token-service-account")
		})
	}
}

func TestKubeconfigSourceConfigErrors(t *testing.T) {
	_, err := KubeconfigSource{RESTConfig: func() (*rest.Config, error) {
		return nil, errors.New("invalid configuration: no configuration has been provided")
	}}.Token(context.Background())
	assertError(t, err, KindAuth, "cannot load the kubeconfig", "no configuration has been provided", "--argo-token")

	usage := &Error{Kind: KindUsage, Message: "bad --context"}
	_, err = KubeconfigSource{RESTConfig: func() (*rest.Config, error) { return nil, usage }}.Token(context.Background())
	if !errors.Is(err, usage) {
		t.Errorf("a *Error from RESTConfig is not passed through: %v", err)
	}

	_, err = KubeconfigSource{}.Token(context.Background())
	assertError(t, err, KindAuth, "no kubeconfig")
}

func TestKubeconfigSourceSendsNothing(t *testing.T) {
	// An address nothing listens on: a real request would fail.
	cfg := &rest.Config{Host: "https://127.0.0.1:1", BearerToken: "t"}
	tok, err := kubeconfigSource(cfg).Token(context.Background())
	if err != nil || !strings.HasPrefix(tok.Authorization(), "Bearer ") {
		t.Fatalf("got %v, %v", tok, err)
	}
}
