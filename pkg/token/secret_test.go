package token

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

// tokenSecret is a kubernetes.io/service-account-token Secret for owner;
// an empty token leaves data.token out, as before the controller fills it.
func tokenSecret(name, owner, token string) *corev1.Secret {
	s := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: testNamespace,
			Annotations: map[string]string{corev1.ServiceAccountNameKey: owner}},
		Type: corev1.SecretTypeServiceAccountToken,
		Data: map[string][]byte{"ca.crt": []byte("CA")},
	}
	if token != "" {
		s.Data[corev1.ServiceAccountTokenKey] = []byte(token)
	}
	return s
}

func otherSecret(name string, typ corev1.SecretType, data map[string][]byte) *corev1.Secret {
	return &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: testNamespace}, Type: typ, Data: data}
}

func secretSource(client *fake.Clientset) SecretSource {
	return SecretSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA,
		Wait: 200 * time.Millisecond, PollInterval: 10 * time.Millisecond}
}

func TestSecretSourceLookupOrder(t *testing.T) {
	annotated := map[string]string{tokenNameAnnotation: "by-annotation"}
	tests := []struct {
		name        string
		objects     []runtime.Object
		wantToken   string
		wantSubject string
	}{
		{
			name: "secrets[0] first",
			objects: []runtime.Object{serviceAccount(annotated, "listed"),
				tokenSecret("listed", testSA, "t-listed"), tokenSecret("by-annotation", testSA, "t-annotation"),
				tokenSecret("ci.service-account-token", testSA, "t-convention")},
			wantToken: "t-listed", wantSubject: "secret argo/listed",
		},
		{
			name: "annotation when secrets[0] is not a token secret",
			objects: []runtime.Object{serviceAccount(annotated, "ci-dockercfg"),
				otherSecret("ci-dockercfg", corev1.SecretTypeDockercfg, map[string][]byte{".dockercfg": []byte("{}")}),
				tokenSecret("by-annotation", testSA, "t-annotation"), tokenSecret("ci.service-account-token", testSA, "t-convention")},
			wantToken: "t-annotation", wantSubject: "secret argo/by-annotation",
		},
		{
			name: "naming convention when the annotated Secret is missing",
			objects: []runtime.Object{serviceAccount(annotated),
				tokenSecret("ci.service-account-token", testSA, "t-convention"), tokenSecret("aaa", testSA, "t-list")},
			wantToken: "t-convention", wantSubject: "secret argo/ci.service-account-token",
		},
		{
			name: "listed token secrets, first by name, owned by the service account",
			objects: []runtime.Object{serviceAccount(nil),
				tokenSecret("a-other", "someone-else", "t-other"),
				otherSecret("b-opaque", corev1.SecretTypeOpaque, map[string][]byte{"token": []byte("t-opaque")}),
				tokenSecret("d-ci", testSA, "t-d"), tokenSecret("c-ci", testSA, "t-c")},
			wantToken: "t-c", wantSubject: "secret argo/c-ci",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := secretSource(fake.NewClientset(tt.objects...)).Token(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tok.Authorization() != "Bearer "+tt.wantToken || tok.Subject != tt.wantSubject || tok.Source != Secret {
				t.Errorf("got %v with %q; want %q from %s", tok, tok.Authorization(), tt.wantToken, tt.wantSubject)
			}
		})
	}
}

func TestSecretSourceListUsesTypeFieldSelector(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil), tokenSecret("x", testSA, "t"))
	var selector string
	client.PrependReactor("list", "secrets", func(action k8stesting.Action) (bool, runtime.Object, error) {
		selector = action.(k8stesting.ListAction).GetListRestrictions().Fields.String()
		return false, nil, nil
	})
	if _, err := secretSource(client).Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	if selector != "type=kubernetes.io/service-account-token" {
		t.Errorf("field selector = %q", selector)
	}
}

func TestSecretSourceNothingFoundListsEveryCandidate(t *testing.T) {
	client := fake.NewClientset(
		serviceAccount(map[string]string{tokenNameAnnotation: "gone"}, "ci-dockercfg"),
		otherSecret("ci-dockercfg", corev1.SecretTypeDockercfg, nil),
		tokenSecret("ci.service-account-token", "someone-else", "t"),
	)
	_, err := secretSource(client).Token(context.Background())
	assertError(t, err, KindAuth,
		`secret "ci-dockercfg" (the serviceaccount's secrets[0]): type "kubernetes.io/dockercfg", not kubernetes.io/service-account-token`,
		`secret "gone" (annotation workflows.argoproj.io/service-account-token.name): not found`,
		`secret "ci.service-account-token" (named <serviceaccount>.service-account-token): belongs to serviceaccount "someone-else"`,
		"annotated kubernetes.io/service-account.name=ci",
		"--token-source request",
	)
}

func TestSecretSourceWaitsForTokenController(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil), tokenSecret("ci.service-account-token", testSA, ""))
	// The fake token controller fills data.token on the third read.
	var reads atomic.Int32
	client.PrependReactor("get", "secrets", func(action k8stesting.Action) (bool, runtime.Object, error) {
		if action.(k8stesting.GetAction).GetName() != "ci.service-account-token" || reads.Add(1) < 3 {
			return false, nil, nil
		}
		return true, tokenSecret("ci.service-account-token", testSA, "filled"), nil
	})
	tok, err := secretSource(client).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tok.Authorization() != "Bearer filled" {
		t.Errorf("got %q", tok.Authorization())
	}
}

func TestSecretSourceFilledByGoroutine(t *testing.T) {
	client := fake.NewClientset(tokenSecret("exact", testSA, ""))
	go func() {
		time.Sleep(30 * time.Millisecond)
		_, _ = client.CoreV1().Secrets(testNamespace).Update(context.Background(),
			tokenSecret("exact", testSA, "late"), metav1.UpdateOptions{})
	}()
	src := secretSource(client)
	src.ServiceAccount, src.SecretName = "", "exact"
	tok, err := src.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tok.Authorization() != "Bearer late" {
		t.Errorf("got %q", tok.Authorization())
	}
}

func TestSecretSourceStillEmptyAfterWait(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil, "ci-token"), tokenSecret("ci-token", testSA, ""))
	start := time.Now()
	_, err := secretSource(client).Token(context.Background())
	assertError(t, err, KindAuth, "secret argo/ci-token still has no data.token after 200ms",
		"token controller (kube-controller-manager) has not filled it")
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Errorf("gave up after %s", waited)
	}
}

func TestSecretSourceWaitIsCancellable(t *testing.T) {
	client := fake.NewClientset(tokenSecret("exact", testSA, ""))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	src := secretSource(client)
	src.SecretName, src.Wait = "exact", time.Hour
	start := time.Now()
	_, err := src.Token(ctx)
	if err == nil || time.Since(start) > 5*time.Second {
		t.Fatalf("err = %v after %s", err, time.Since(start))
	}
	if !strings.Contains(err.Error(), "stopped waiting") {
		t.Errorf("err = %v", err)
	}
}

func TestSecretSourceExactSecretName(t *testing.T) {
	client := fake.NewClientset(
		serviceAccount(nil, "listed"), tokenSecret("listed", testSA, "t-listed"),
		otherSecret("argo-sso", corev1.SecretTypeOpaque, map[string][]byte{"token": []byte("Bearer v2:sso\n")}),
		otherSecret("no-token", corev1.SecretTypeOpaque, map[string][]byte{"password": []byte("x")}),
	)
	src := secretSource(client)
	src.ServiceAccount, src.SecretName = "", "argo-sso"
	tok, err := src.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tok.Authorization() != "Bearer v2:sso" || tok.Subject != "secret argo/argo-sso" {
		t.Errorf("got %v with %q", tok, tok.Authorization())
	}
	for _, a := range client.Actions() {
		if a.GetResource().Resource != "secrets" || a.GetVerb() != "get" {
			t.Errorf("unexpected call %s %s", a.GetVerb(), a.GetResource().Resource)
		}
	}

	src.SecretName = "no-token"
	_, err = src.Token(context.Background())
	assertError(t, err, KindAuth, `secret argo/no-token (type "Opaque") has no data.token`)

	src.SecretName = "missing"
	_, err = src.Token(context.Background())
	assertError(t, err, KindAuth, `secret "missing" not found in namespace "argo"`)
}

func TestSecretSourceServiceAccountNotFound(t *testing.T) {
	_, err := secretSource(fake.NewClientset()).Token(context.Background())
	assertError(t, err, KindAuth, `serviceaccount "ci" not found in namespace "argo"`)
}

func TestSecretSourceForbidden(t *testing.T) {
	tests := []struct {
		name     string
		verb     string
		resource string
		objects  []runtime.Object
		want     []string
	}{
		{"get serviceaccounts", "get", "serviceaccounts", nil,
			[]string{`get serviceaccounts in namespace "argo"`, "--resource=serviceaccounts --resource-name=ci", "--token-source request"}},
		{"get secrets", "get", "secrets", []runtime.Object{serviceAccount(nil, "listed")},
			[]string{`get secrets in namespace "argo"`, "--verb=get --resource=secrets", "--token-source request"}},
		{"list secrets", "list", "secrets", []runtime.Object{serviceAccount(nil)},
			[]string{`list secrets in namespace "argo"`, `looked at so far: the serviceaccount lists no secrets; secret "ci.service-account-token"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := fake.NewClientset(tt.objects...)
			client.PrependReactor(tt.verb, tt.resource,
				forbiddenReactor(tt.resource, tt.verb+` resource "`+tt.resource+`"`))
			_, err := secretSource(client).Token(context.Background())
			assertError(t, err, KindAuth, append([]string{`User "alice" is missing permission`}, tt.want...)...)
		})
	}
}

func TestSourcesNeedAServiceAccount(t *testing.T) {
	client := fake.NewClientset()
	_, err := SecretSource{Client: client, Namespace: testNamespace}.Token(context.Background())
	assertError(t, err, KindUsage, "--token-service-account")
	_, err = RequestSource{Client: client, Namespace: testNamespace}.Token(context.Background())
	assertError(t, err, KindUsage, "--token-service-account")
	if len(client.Actions()) != 0 {
		t.Errorf("calls made: %v", client.Actions())
	}
}
