package token

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
	"k8s.io/client-go/rest"
)

func TestAPICallFailKinds(t *testing.T) {
	call := RequestSource{Namespace: testNamespace, ServiceAccount: testSA}.call()
	tests := []struct {
		name string
		err  error
		kind Kind
		want string
	}{
		{"unauthorized", apierrors.NewUnauthorized("Unauthorized"), KindAuth, "rejected the kubeconfig's own credentials"},
		{"forbidden without a user", apierrors.NewForbidden(schemaGR("serviceaccounts/token"), testSA, errors.New("denied by webhook")),
			KindAuth, "the kubeconfig's identity is missing permission create serviceaccounts/token"},
		{"forbidden service account user", apierrors.NewForbidden(schemaGR("serviceaccounts/token"), testSA,
			errors.New(`User "system:serviceaccount:ci:runner" cannot create resource`)), KindAuth, "--serviceaccount=ci:runner"},
		{"server error", apierrors.NewInternalError(errors.New("etcd down")), KindOther, "etcd down"},
		{"network", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, KindUnreachable, "cannot reach the Kubernetes API server, so cannot request a token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertError(t, call.fail(tt.err, ""), tt.kind, tt.want)
		})
	}
}

func TestUnreachableAPIServer(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	host := closed.Listener.Addr().String()
	closed.Close()

	tlsServer := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsServer.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake failure is expected
	tlsServer.StartTLS()
	t.Cleanup(tlsServer.Close)

	tests := []struct {
		name string
		cfg  *rest.Config
		host string
		want string
	}{
		{"connection refused", &rest.Config{Host: "http://" + host}, host, "connection refused"},
		{"untrusted certificate", &rest.Config{Host: tlsServer.URL}, tlsServer.Listener.Addr().String(), "certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, err := kubernetes.NewForConfig(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, err = RequestSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA}.Token(context.Background())
			assertError(t, err, KindUnreachable, tt.host, tt.want)
		})
	}
}

func TestUnauthorizedFromFakeClient(t *testing.T) {
	client := fake.NewClientset()
	client.PrependReactor("get", "serviceaccounts", errorReactor(apierrors.NewUnauthorized("Unauthorized")))
	_, err := SecretSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA}.Token(context.Background())
	assertError(t, err, KindAuth, "401 Unauthorized", "find the token Secret of serviceaccount argo/ci")
}
