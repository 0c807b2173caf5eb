package token

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/protobuf"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/klog/v2"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/klogtest"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/redact"
)

// Tokens shaped like the real ones: service account tokens are JWTs.
const (
	requestedJWT   = "eyJhbGciOiJSUzI1NiIsImtpZCI6InJlcSJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXJnbzpjaSJ9.UkVRVUVTVEVELVNJR05BVFVSRQ"
	secretJWT      = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImxlZ2FjeSJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXJnbzpjaSJ9.TEVHQUNZLVNJR05BVFVSRQ"
	kubeconfigCred = "kubeconfig-credential-value"
)

// fakeAPIServer serves the three calls the token sources make, in JSON or,
// when the client prefers it, protobuf (client-go's default for built-in types).
func fakeAPIServer(t *testing.T) *httptest.Server {
	t.Helper()
	sa := &corev1.ServiceAccount{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "ServiceAccount"},
		ObjectMeta: metav1.ObjectMeta{Name: testSA, Namespace: testNamespace},
	}
	secret := tokenSecret("ci.service-account-token", testSA, secretJWT)
	secret.TypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "Secret"}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/v1/namespaces/argo/serviceaccounts/ci/token", func(w http.ResponseWriter, r *http.Request) {
		req := &authenticationv1.TokenRequest{}
		body, _ := io.ReadAll(r.Body)
		if strings.Contains(r.Header.Get("Content-Type"), "json") {
			_ = json.Unmarshal(body, req)
		}
		req.TypeMeta = metav1.TypeMeta{APIVersion: "authentication.k8s.io/v1", Kind: "TokenRequest"}
		req.Status = authenticationv1.TokenRequestStatus{Token: requestedJWT,
			ExpirationTimestamp: metav1.NewTime(time.Now().Add(time.Hour).Truncate(time.Second))}
		writeObject(t, w, r, http.StatusCreated, req)
	})
	mux.HandleFunc("GET /api/v1/namespaces/argo/serviceaccounts/ci", func(w http.ResponseWriter, r *http.Request) {
		writeObject(t, w, r, http.StatusOK, sa)
	})
	mux.HandleFunc("GET /api/v1/namespaces/argo/secrets/ci.service-account-token", func(w http.ResponseWriter, r *http.Request) {
		writeObject(t, w, r, http.StatusOK, secret)
	})
	server := httptest.NewServer(mux)
	t.Cleanup(server.Close)
	return server
}

func writeObject(t *testing.T, w http.ResponseWriter, r *http.Request, status int, obj runtime.Object) {
	if strings.Contains(r.Header.Get("Accept"), "protobuf") {
		w.Header().Set("Content-Type", "application/vnd.kubernetes.protobuf")
		w.WriteHeader(status)
		if err := protobuf.NewSerializer(scheme.Scheme, scheme.Scheme).Encode(obj, w); err != nil {
			t.Error(err)
		}
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(obj); err != nil {
		t.Error(err)
	}
}

func TestVerboseClientLogsNeverShowTokens(t *testing.T) {
	for name, contentType := range map[string]string{"json": "application/json", "protobuf (client-go default)": ""} {
		t.Run(name, func(t *testing.T) {
			server := fakeAPIServer(t)
			filter := redact.NewFilter()
			out := klogtest.Verbose(t, filter)

			cfg := &rest.Config{Host: server.URL, BearerToken: kubeconfigCred,
				ContentConfig: rest.ContentConfig{ContentType: contentType}}
			client, err := kubernetes.NewForConfig(cfg)
			if err != nil {
				t.Fatal(err)
			}
			requested, err := RequestSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA,
				Duration: time.Hour}.Token(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			legacy, err := SecretSource{Client: client, Namespace: testNamespace, ServiceAccount: testSA}.Token(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if requested.Authorization() != "Bearer "+requestedJWT || legacy.Authorization() != "Bearer "+secretJWT {
				t.Fatalf("wrong tokens: %v, %v", requested, legacy)
			}
			// What the command does once a token is resolved, then logs it by mistake.
			filter.Add(requested.Authorization(), legacy.Authorization())
			klog.Infof("resolved %s: %s", requested, requested.Authorization())
			klog.InfoS("resolved", "token", legacy, "value", strings.TrimPrefix(legacy.Authorization(), "Bearer "))
			klog.Flush()

			logs := out.String()
			if !strings.Contains(logs, "Response Body") {
				t.Fatalf("client-go logged no bodies; the test checks nothing:\n%s", logs)
			}
			if contentType == "" && !strings.Contains(logs, "00000000  ") {
				t.Fatalf("client-go logged no hex dump of a protobuf body:\n%s", logs)
			}
			for _, secret := range []string{requestedJWT, secretJWT, kubeconfigCred} {
				if leaked := leakedPart(logs, secret); leaked != "" {
					t.Errorf("logs show %q of %q:\n%s", leaked, secret, logs)
				}
			}
		})
	}
}

// leakedPart returns a piece of the secret's last 16 characters (a JWT's
// signature) found in logs, "" when none is. Pieces are short because a hex
// dump shows a body 16 bytes to a line.
func leakedPart(logs, secret string) string {
	tail := secret[len(secret)-16:]
	for i := 0; i+6 <= len(tail); i++ {
		if piece := tail[i : i+6]; strings.Contains(logs, piece) {
			return piece
		}
	}
	return ""
}
