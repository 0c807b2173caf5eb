package contextconfig

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const withExtension = `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:6443"}
users:
- name: u
  user: {token: kube-user-secret}
contexts:
- name: dev
  context:
    cluster: c
    user: u
    namespace: team-a
    extensions:
    - name: argo-submit
      extension:
        argoServer: argo.example.com:2746
        argoInsecureSkipVerify: false
        tokenServiceAccount: ci
        tokenDuration: 2h
        tokenAudiences: [a, b]
        namespace: argo
        futureField: {kept: true}
- name: bare
  context: {cluster: c, user: u}
`

func TestLoadReadsTheExtension(t *testing.T) {
	loader := loaderFor(writeFile(t, "config", withExtension, 0o600))
	want := Settings{
		ArgoServer: "argo.example.com:2746", ArgoInsecureSkipVerify: ptr(false), TokenServiceAccount: "ci",
		TokenDuration: &metav1.Duration{Duration: 2 * time.Hour}, TokenAudiences: []string{"a", "b"}, Namespace: "argo",
	}
	for _, context := range []string{"", "dev"} { // "" is the current context
		got, err := Load(loader, context)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Load(%q) = %+v, %v; want %+v", context, got, err, want)
		}
	}
}

func TestLoadWithoutExtensionOrKubeconfig(t *testing.T) {
	got, err := Load(loaderFor(writeFile(t, "config", withExtension, 0o600)), "bare")
	if err != nil || !reflect.DeepEqual(got, Settings{}) {
		t.Errorf("a context without the extension: %+v, %v", got, err)
	}
	got, err = Load(loaderFor(t.TempDir()+"/absent"), "")
	if err != nil || !reflect.DeepEqual(got, Settings{}) {
		t.Errorf("no kubeconfig: %+v, %v", got, err)
	}
}

func TestLoadNamesAMissingContextAndTheOthers(t *testing.T) {
	path := writeFile(t, "config", withExtension, 0o600)
	_, err := Load(loaderFor(path), "prod")
	var notFound *ContextNotFoundError
	if !errors.As(err, &notFound) {
		t.Fatalf("got %v, want a *ContextNotFoundError", err)
	}
	for _, want := range []string{`context "prod"`, path, "bare, dev"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	_, err = Resolve(loaderFor(t.TempDir()+"/absent"), "")
	if !errors.As(err, &notFound) || !strings.Contains(err.Error(), "no current context") || !strings.Contains(err.Error(), "no contexts") {
		t.Errorf("no current context: %v", err)
	}
}

func TestLoadReportsAMalformedExtension(t *testing.T) {
	for name, extension := range map[string]string{
		"wrong type":   "{argoServer: 5}",
		"bad duration": "{tokenDuration: soon}",
		"not a map":    "[argoServer]",
	} {
		t.Run(name, func(t *testing.T) {
			config := strings.Replace(withExtension, "context: {cluster: c, user: u}",
				"context: {cluster: c, user: u, extensions: [{name: argo-submit, extension: "+extension+"}]}", 1)
			path := writeFile(t, "config", config, 0o600)
			_, err := Load(loaderFor(path), "bare")
			var malformed *MalformedError
			if !errors.As(err, &malformed) || !strings.Contains(err.Error(), `context "bare"`) || !strings.Contains(err.Error(), path) {
				t.Errorf("got %v, want a malformed error naming the context and %s", err, path)
			}
		})
	}
}

func TestKeysAreTheJSONNames(t *testing.T) {
	want := "argoServer argoBaseHref argoCAFile argoInsecureSkipVerify tokenSource tokenServiceAccount tokenNamespace tokenSecret tokenDuration tokenAudiences namespace"
	if got := strings.Join(Keys(), " "); got != want {
		t.Errorf("Keys() = %s", got)
	}
	s := Settings{ArgoServer: "x", TokenAudiences: []string{"a"}}
	if !s.Unset("tokenAudiences") || s.Unset("nope") || !reflect.DeepEqual(s, Settings{ArgoServer: "x"}) {
		t.Errorf("Unset left %+v", s)
	}
}
