package cmd

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/metadata"
	"k8s.io/client-go/rest"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// The lister asks for metadata only, with the field selector, and returns the names sorted.
func TestMetadataListerAsksForMetadataOnly(t *testing.T) {
	var got *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadataList","metadata":{},"items":[
			{"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadata","metadata":{"name":"z-token","namespace":"argo"}},
			{"apiVersion":"meta.k8s.io/v1","kind":"PartialObjectMetadata","metadata":{"name":"ci-token","namespace":"argo"}}]}`))
	}))
	t.Cleanup(srv.Close)
	client, err := metadata.NewForConfig(quietConfig(&rest.Config{Host: srv.URL}, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	q := listQuery{resource: coreResource("secrets"), namespace: "argo", fieldSelector: "type=kubernetes.io/service-account-token"}
	names, err := metadataLister{client}.Names(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(names, []string{"ci-token", "z-token"}) {
		t.Errorf("names %q", names)
	}
	if got.URL.Path != "/api/v1/namespaces/argo/secrets" || got.URL.Query().Get("fieldSelector") != q.fieldSelector {
		t.Errorf("request %s", got.URL)
	}
	if accept := got.Header.Get("Accept"); !strings.Contains(accept, "as=PartialObjectMetadataList") {
		t.Errorf("Accept %q does not ask for metadata only", accept)
	}
}

func TestQuietConfig(t *testing.T) {
	original := &rest.Config{Host: "https://127.0.0.1:1", ExecProvider: &clientcmdapi.ExecConfig{Command: "login-plugin"}}
	cfg := quietConfig(original, 2*time.Second)
	if cfg.Timeout != 2*time.Second || cfg.WarningHandlerWithContext == nil {
		t.Errorf("timeout %s, warning handler %v", cfg.Timeout, cfg.WarningHandlerWithContext)
	}
	if !cfg.ExecProvider.StdinUnavailable || original.ExecProvider.StdinUnavailable {
		t.Error("the exec plugin may still prompt, or the original config was changed")
	}
}
