package token

import (
	"context"
	"strings"
	"testing"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

const (
	testNamespace = "argo"
	testSA        = "ci"
	// testForbiddenUser is the identity the fake API server denies.
	testForbiddenUser = "alice"
)

// tokenRequestReactor answers TokenRequests with token, recording the
// requests it saw.
func tokenRequestReactor(token string, expiry time.Time, seen *[]*authenticationv1.TokenRequest) k8stesting.ReactionFunc {
	return func(action k8stesting.Action) (bool, runtime.Object, error) {
		create := action.(k8stesting.CreateAction)
		req := create.GetObject().(*authenticationv1.TokenRequest)
		*seen = append(*seen, req)
		resp := req.DeepCopy()
		resp.Status = authenticationv1.TokenRequestStatus{Token: token, ExpirationTimestamp: metav1.NewTime(expiry)}
		return true, resp, nil
	}
}

// forbiddenReactor denies every matching call the way the API server does.
func forbiddenReactor(resource, verbPhrase string) k8stesting.ReactionFunc {
	return func(action k8stesting.Action) (bool, runtime.Object, error) {
		gr := schema.GroupResource{Resource: resource}
		msg := `User "` + testForbiddenUser + `" cannot ` + verbPhrase + ` in API group "" in the namespace "` + action.GetNamespace() + `"`
		return true, nil, apierrors.NewForbidden(gr, "", errorString(msg))
	}
}

type errorString string

func (e errorString) Error() string { return string(e) }

func serviceAccount(annotations map[string]string, secrets ...string) *corev1.ServiceAccount {
	sa := &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Name: testSA, Namespace: testNamespace, Annotations: annotations}}
	for _, s := range secrets {
		sa.Secrets = append(sa.Secrets, corev1.ObjectReference{Name: s})
	}
	return sa
}

func TestRequestSourceSuccess(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil))
	expiry := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	var seen []*authenticationv1.TokenRequest
	client.PrependReactor("create", "serviceaccounts", tokenRequestReactor("requested-jwt", expiry, &seen))

	src := RequestSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA,
		Duration: 90 * time.Minute, Audiences: []string{"argo-server"}}
	tok, err := src.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tok.Authorization() != "Bearer requested-jwt" || tok.Source != Request ||
		tok.Subject != "serviceaccount argo/ci" || !tok.Expiry.Equal(expiry) {
		t.Errorf("got %v (%q)", tok, tok.Authorization())
	}
	if len(seen) != 1 {
		t.Fatalf("saw %d TokenRequests", len(seen))
	}
	spec := seen[0].Spec
	if spec.ExpirationSeconds == nil || *spec.ExpirationSeconds != 5400 {
		t.Errorf("expirationSeconds = %v, want 5400", spec.ExpirationSeconds)
	}
	if len(spec.Audiences) != 1 || spec.Audiences[0] != "argo-server" {
		t.Errorf("audiences = %v", spec.Audiences)
	}
	actions := client.Actions()
	if len(actions) != 1 || actions[0].GetSubresource() != "token" || actions[0].GetNamespace() != testNamespace {
		t.Errorf("actions = %v", actions)
	}
}

func TestRequestSourceDefaults(t *testing.T) {
	client := fake.NewClientset()
	var seen []*authenticationv1.TokenRequest
	client.PrependReactor("create", "serviceaccounts", tokenRequestReactor("t", time.Time{}, &seen))
	tok, err := RequestSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA}.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if seen[0].Spec.ExpirationSeconds != nil || seen[0].Spec.Audiences != nil {
		t.Errorf("spec = %+v, want the API defaults", seen[0].Spec)
	}
	if !tok.Expiry.IsZero() {
		t.Errorf("expiry = %v, want zero", tok.Expiry)
	}
}

func TestRequestSourceForbidden(t *testing.T) {
	client := fake.NewClientset(serviceAccount(nil))
	client.PrependReactor("create", "serviceaccounts",
		forbiddenReactor("serviceaccounts/token", `create resource "serviceaccounts/token"`))
	_, err := RequestSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA}.Token(context.Background())
	assertError(t, err, KindAuth,
		`User "alice"`,
		`create serviceaccounts/token in namespace "argo"`,
		"kubectl create role argo-submit-token --namespace=argo --verb=create --resource=serviceaccounts/token --resource-name=ci",
		"--user=alice",
		"--token-source secret",
	)
	if !apierrors.IsForbidden(err) {
		t.Error("the Forbidden cause is not kept")
	}
}

func TestRequestSourceServiceAccountNotFound(t *testing.T) {
	client := fake.NewClientset()
	client.PrependReactor("create", "serviceaccounts", notFoundReactor("serviceaccounts"))
	_, err := RequestSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA}.Token(context.Background())
	assertError(t, err, KindAuth, `serviceaccount "ci" not found in namespace "argo"`)
}

func TestRequestSourceEmptyToken(t *testing.T) {
	client := fake.NewClientset()
	var seen []*authenticationv1.TokenRequest
	client.PrependReactor("create", "serviceaccounts", tokenRequestReactor("", time.Time{}, &seen))
	_, err := RequestSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA}.Token(context.Background())
	assertError(t, err, KindAuth, "empty token")
}

// assertError checks err's kind and that its text has each of want.
func assertError(t *testing.T, err error, kind Kind, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if got := KindOf(err); got != kind {
		t.Errorf("kind = %v, want %v (%v)", got, kind, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not contain %q:\n%v", w, err)
		}
	}
}

func notFoundReactor(resource string) k8stesting.ReactionFunc {
	return errorReactor(apierrors.NewNotFound(schemaGR(resource), testSA))
}

func errorReactor(err error) k8stesting.ReactionFunc {
	return func(k8stesting.Action) (bool, runtime.Object, error) { return true, nil, err }
}

func schemaGR(resource string) schema.GroupResource { return schema.GroupResource{Resource: resource} }
