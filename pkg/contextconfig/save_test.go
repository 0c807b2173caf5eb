package contextconfig

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/clientcmd"
)

// everything has what a rewrite could lose: other contexts' extensions, users, preferences, top-level
// extensions, a relative path, and a field of the argo-submit extension this version does not know.
const everything = `apiVersion: v1
kind: Config
current-context: dev
preferences:
  extensions:
  - name: pref-tool
    extension: {colour: blue}
extensions:
- name: top-tool
  extension: {level: top}
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:6443", certificate-authority: certs/ca.pem}
users:
- name: u
  user: {token: kube-user-secret}
- name: e
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: get-token, interactiveMode: Never}
contexts:
- name: dev
  context:
    cluster: c
    user: u
    extensions:
    - name: argo-submit
      extension: {argoServer: old.example.com:2746, futureField: {kept: true}}
    - name: other-tool
      extension: {mine: 1}
- name: prod
  context:
    cluster: c
    user: e
    extensions:
    - name: argo-submit
      extension: {argoServer: prod.example.com:2746}
`

func TestSaveKeepsEverythingElse(t *testing.T) {
	path := writeFile(t, "config", everything, 0o600)
	before, err := clientcmd.LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	err = Save(loaderFor(path), "", func(s *Settings) error {
		s.ArgoServer = "new.example.com:2746"
		s.TokenDuration = &metav1.Duration{Duration: 2 * time.Hour}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, err := clientcmd.LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var stored map[string]any
	if err := json.Unmarshal(after.Contexts["dev"].Extensions[ExtensionName].(*runtime.Unknown).Raw, &stored); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"argoServer": "new.example.com:2746", "tokenDuration": "2h0m0s", "futureField": map[string]any{"kept": true}}
	if !reflect.DeepEqual(stored, want) {
		t.Errorf("stored extension %v, want %v", stored, want)
	}
	// Apart from that extension, the file says what it said.
	after.Contexts["dev"].Extensions[ExtensionName] = before.Contexts["dev"].Extensions[ExtensionName]
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the rest of the kubeconfig changed:\n%s", readFile(t, path))
	}
	if got, _ := Load(loaderFor(path), "prod"); got.ArgoServer != "prod.example.com:2746" {
		t.Errorf("context prod now has %+v", got)
	}
}

// With KUBECONFIG=a:b the context defined in b is written to b; a stays byte for byte, and b keeps its mode.
func TestSaveWritesTheFileThatDefinesTheContext(t *testing.T) {
	for _, mode := range []os.FileMode{0o600, 0o640} {
		first := writeFile(t, "first", `apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:6443"}
users:
- name: u
  user: {token: kube-user-secret}
`, 0o600)
		second := writeFile(t, "second", `apiVersion: v1
kind: Config
contexts:
- name: dev
  context: {cluster: c, user: u, namespace: team-a}
`, mode)
		t.Setenv("KUBECONFIG", first+string(os.PathListSeparator)+second)
		loader := clientcmd.NewNonInteractiveDeferredLoadingClientConfig(clientcmd.NewDefaultClientConfigLoadingRules(), &clientcmd.ConfigOverrides{})
		firstBefore := readFile(t, first)
		if err := Save(loader, "dev", func(s *Settings) error { s.Namespace = "argo"; return nil }); err != nil {
			t.Fatal(err)
		}
		if readFile(t, first) != firstBefore {
			t.Errorf("the first file changed:\n%s", readFile(t, first))
		}
		if !strings.Contains(readFile(t, second), "namespace: argo") {
			t.Errorf("the second file lacks the setting:\n%s", readFile(t, second))
		}
		if info, err := os.Stat(second); err != nil || info.Mode().Perm() != mode {
			t.Errorf("the second file's mode is %v (%v), want %v", info.Mode().Perm(), err, mode)
		}
		if got, err := Load(loaderFor(first, second), "dev"); err != nil || got.Namespace != "argo" {
			t.Errorf("read back %+v, %v", got, err)
		}
		leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(second), "*.lock"))
		if len(leftovers) > 0 {
			t.Errorf("lock files left: %v", leftovers)
		}
	}
}

func TestSaveRemovesAnEmptyExtension(t *testing.T) {
	path := writeFile(t, "config", withExtension, 0o600)
	err := Save(loaderFor(path), "dev", func(s *Settings) error {
		for _, key := range Keys() {
			s.Unset(key)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	content := readFile(t, path)
	if !strings.Contains(content, "futureField") {
		t.Errorf("an unknown field was dropped:\n%s", content)
	}
	if err := Save(loaderFor(path), "bare", func(s *Settings) error { s.ArgoServer = "x:1"; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := Save(loaderFor(path), "bare", func(s *Settings) error { s.ArgoServer = ""; return nil }); err != nil {
		t.Fatal(err)
	}
	config, err := clientcmd.LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := config.Contexts["bare"].Extensions[ExtensionName]; ok {
		t.Errorf("an empty extension was left:\n%s", readFile(t, path))
	}
}

func TestSaveWritesNothingWhenRefusedOrMalformed(t *testing.T) {
	path := writeFile(t, "config", withExtension, 0o600)
	before := readFile(t, path)
	refused := errors.New("refused")
	if err := Save(loaderFor(path), "dev", func(s *Settings) error { s.ArgoServer = "x:1"; return refused }); !errors.Is(err, refused) {
		t.Errorf("got %v", err)
	}
	var notFound *ContextNotFoundError
	if err := Save(loaderFor(path), "prod", func(*Settings) error { return nil }); !errors.As(err, &notFound) {
		t.Errorf("missing context: %v", err)
	}
	malformed := writeFile(t, "malformed", strings.Replace(withExtension, "tokenDuration: 2h", "tokenDuration: soon", 1), 0o600)
	var bad *MalformedError
	if err := Save(loaderFor(malformed), "dev", func(*Settings) error { return nil }); !errors.As(err, &bad) {
		t.Errorf("malformed: %v", err)
	}
	if readFile(t, path) != before {
		t.Errorf("the file changed")
	}
}

// The settings survive kubectl's own rewrite of the file, as client-go does it.
func TestExtensionSurvivesAClientcmdRewrite(t *testing.T) {
	path := writeFile(t, "config", withExtension, 0o600)
	config, err := clientcmd.LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	config.CurrentContext = "bare" // kubectl config use-context bare
	if err := clientcmd.WriteToFile(*config, path); err != nil {
		t.Fatal(err)
	}
	if got, err := Load(loaderFor(path), "dev"); err != nil || got.ArgoServer != "argo.example.com:2746" {
		t.Errorf("after a rewrite: %+v, %v", got, err)
	}
}
