package token

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/rest"
	"k8s.io/klog/v2"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/klogtest"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/redact"
)

// failingFactories make every Kubernetes client factory fail the test.
func failingFactories(t *testing.T, settings Settings) *Resolver {
	return &Resolver{
		Settings: settings,
		KubeClient: func() (KubeClient, error) {
			t.Fatal("KubeClient called")
			return nil, nil
		},
		RESTConfig: func() (*rest.Config, error) {
			t.Fatal("RESTConfig called")
			return nil, nil
		},
	}
}

func clientResolver(settings Settings, client KubeClient, cfg *rest.Config) *Resolver {
	return &Resolver{
		Settings:   settings,
		KubeClient: func() (KubeClient, error) { return client, nil },
		RESTConfig: func() (*rest.Config, error) { return cfg, nil },
	}
}

func TestResolverArgoTokenBuildsNoClient(t *testing.T) {
	for _, mode := range []Mode{"", Auto, ArgoToken} {
		r := failingFactories(t, Settings{Mode: mode, ArgoToken: "direct\n"})
		tok, err := r.Resolve(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if tok.Authorization() != "Bearer direct" || tok.Source != ArgoToken {
			t.Errorf("mode %q: got %v", mode, tok)
		}
	}
	// Nil factories too: no kubeconfig at all.
	tok, err := (&Resolver{Settings: Settings{ArgoToken: "direct"}}).Resolve(context.Background())
	if err != nil || tok.Authorization() != "Bearer direct" {
		t.Fatalf("got %v, %v", tok, err)
	}
}

func TestResolverValidatesFirst(t *testing.T) {
	r := failingFactories(t, Settings{Mode: Request})
	_, err := r.Resolve(context.Background())
	assertError(t, err, KindUsage, "needs --token-service-account")
}

func TestResolverKubeconfigBuildsNoClient(t *testing.T) {
	r := &Resolver{
		Settings: Settings{},
		KubeClient: func() (KubeClient, error) {
			t.Fatal("KubeClient called")
			return nil, nil
		},
		RESTConfig: func() (*rest.Config, error) { return &rest.Config{BearerToken: "kc"}, nil },
	}
	tok, err := r.Resolve(context.Background())
	if err != nil || tok.Authorization() != "Bearer kc" || tok.Source != Kubeconfig {
		t.Fatalf("got %v, %v", tok, err)
	}
}

func TestResolverAutoClientCertificateOnly(t *testing.T) {
	r := clientResolver(Settings{}, nil, &rest.Config{TLSClientConfig: rest.TLSClientConfig{CertData: []byte("c"), KeyData: []byte("k")}})
	_, err := r.Resolve(context.Background())
	assertError(t, err, KindAuth, "--argo-token", "ARGO_TOKEN", "--token-service-account", "--token-secret")
}

func TestResolverAutoRequestsToken(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil))
	var seen []*authenticationv1.TokenRequest
	client.PrependReactor("create", "serviceaccounts", tokenRequestReactor("requested", time.Now().Add(time.Hour), &seen))
	settings := Settings{ServiceAccount: testSA, Namespace: testNamespace, Duration: time.Hour, Audiences: []string{"aud"}}
	tok, err := clientResolver(settings, client, nil).Resolve(context.Background())
	if err != nil || tok.Authorization() != "Bearer requested" || tok.Source != Request {
		t.Fatalf("got %v, %v", tok, err)
	}
	if *seen[0].Spec.ExpirationSeconds != 3600 || seen[0].Spec.Audiences[0] != "aud" {
		t.Errorf("spec = %+v", seen[0].Spec)
	}
}

func TestResolverAutoFallsBackToSecretWhenForbidden(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil), tokenSecret("ci.service-account-token", testSA, "legacy"))
	client.PrependReactor("create", "serviceaccounts",
		forbiddenReactor("serviceaccounts/token", `create resource "serviceaccounts/token"`))
	settings := Settings{ServiceAccount: testSA, Namespace: testNamespace, Duration: time.Hour}
	logs := klogtest.Verbose(t, redact.NewFilter())
	tok, err := clientResolver(settings, client, nil).Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tok.Authorization() != "Bearer legacy" || tok.Source != Secret {
		t.Errorf("got %v", tok)
	}
	klog.Flush()
	if !strings.Contains(logs.String(), `User "alice" lacks create serviceaccounts/token in namespace "argo"`) {
		t.Errorf("the fallback is not logged:\n%s", logs)
	}
}

func TestResolverAutoFallbackFailureNamesBoth(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil))
	client.PrependReactor("create", "serviceaccounts",
		forbiddenReactor("serviceaccounts/token", `create resource "serviceaccounts/token"`))
	client.PrependReactor("list", "secrets", forbiddenReactor("secrets", `list resource "secrets"`))
	settings := Settings{ServiceAccount: testSA, Namespace: testNamespace, Duration: time.Hour}
	r := clientResolver(settings, client, nil)
	calls := 0
	r.KubeClient = func() (KubeClient, error) { calls++; return client, nil }
	_, err := r.Resolve(context.Background())
	assertError(t, err, KindAuth, `create serviceaccounts/token in namespace "argo"`, `list secrets in namespace "argo"`)
	if strings.Contains(err.Error(), "--token-source") {
		t.Errorf("suggests a source that was already tried: %v", err)
	}
	if calls != 1 {
		t.Errorf("KubeClient called %d times", calls)
	}
}

func TestResolverExplicitRequestDoesNotFallBack(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil), tokenSecret("ci.service-account-token", testSA, "legacy"))
	client.PrependReactor("create", "serviceaccounts",
		forbiddenReactor("serviceaccounts/token", `create resource "serviceaccounts/token"`))
	settings := Settings{Mode: Request, ServiceAccount: testSA, Namespace: testNamespace, Duration: time.Hour}
	_, err := clientResolver(settings, client, nil).Resolve(context.Background())
	assertError(t, err, KindAuth, "serviceaccounts/token")
}

func TestResolverAutoNotFoundDoesNotFallBack(t *testing.T) {
	client := fake.NewClientset()
	client.PrependReactor("create", "serviceaccounts", notFoundReactor("serviceaccounts"))
	settings := Settings{ServiceAccount: testSA, Namespace: testNamespace, Duration: time.Hour}
	_, err := clientResolver(settings, client, nil).Resolve(context.Background())
	assertError(t, err, KindAuth, `serviceaccount "ci" not found in namespace "argo"`)
	for _, a := range client.Actions() {
		if a.GetResource().Resource == "secrets" {
			t.Errorf("fell back to secrets: %v", a)
		}
	}
}

func TestResolverAutoSecretName(t *testing.T) {
	client := fake.NewClientset(tokenSecret("named", testSA, "by-name"))
	settings := Settings{SecretName: "named", Namespace: testNamespace, Duration: time.Hour}
	r := clientResolver(settings, client, nil)
	r.RESTConfig = func() (*rest.Config, error) {
		t.Fatal("RESTConfig called")
		return nil, nil
	}
	tok, err := r.Resolve(context.Background())
	if err != nil || tok.Authorization() != "Bearer by-name" || tok.Subject != "secret argo/named" {
		t.Fatalf("got %v, %v", tok, err)
	}
}

func TestResolverClientFactoryErrors(t *testing.T) {
	settings := Settings{Mode: Request, ServiceAccount: testSA, Namespace: testNamespace}
	r := &Resolver{Settings: settings, KubeClient: func() (KubeClient, error) {
		return nil, errors.New("no kubeconfig")
	}}
	_, err := r.Resolve(context.Background())
	assertError(t, err, KindAuth, "cannot build a Kubernetes client", "no kubeconfig")

	_, err = (&Resolver{Settings: settings}).Resolve(context.Background())
	assertError(t, err, KindAuth, "needs a Kubernetes client")
}
