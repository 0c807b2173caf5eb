package cmd

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"k8s.io/cli-runtime/pkg/genericclioptions"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/fakeserver"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/redact"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

const tokenRequestCall = "POST /api/v1/namespaces/team-a/serviceaccounts/ci/token"

// cachedEnv is kubeEnv with a token cache folder shared by every run that uses it.
func cachedEnv(t *testing.T, argo *fakeserver.Argo) (map[string]string, string) {
	env := kubeEnv(argo)
	env["KUBECACHEDIR"] = t.TempDir()
	return env, filepath.Join(env["KUBECACHEDIR"], "argo-submit")
}

func countCalls(kube *fakeserver.Kube, call string) int {
	n := 0
	for _, c := range kube.Calls() {
		if c == call {
			n++
		}
	}
	return n
}

// cacheEntries reads every entry in dir as JSON.
func cacheEntries(t *testing.T, dir string) []map[string]any {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var out []map[string]any
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var e map[string]any
		if err := json.Unmarshal(data, &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func TestTokenCacheSharedFolderMintsOnce(t *testing.T) {
	argo, kube := fakeserver.NewArgo(t, false), fakeserver.NewKube(t)
	env, dir := cachedEnv(t, argo)
	args := []string{"testdata/hello.yaml", "--kubeconfig", kube.WriteKubeconfig(t, "team-a"), "--token-service-account", "ci"}
	for range 2 {
		invocation{env: env}.run(t, args...).wantCode(t, ExitOK)
	}
	if n := countCalls(kube, tokenRequestCall); n != 1 {
		t.Errorf("%d TokenRequests for two submissions sharing a cache, want 1: %v", n, kube.Calls())
	}
	for i, req := range argo.Requests() {
		if req.Authorization != "Bearer "+kube.MintedToken {
			t.Errorf("submission %d sent another token", i)
		}
	}
	entries := cacheEntries(t, dir)
	if len(entries) != 1 {
		t.Fatalf("%d cache entries, want 1", len(entries))
	}
	material, _ := json.Marshal(entries[0]["keyMaterial"])
	if !strings.Contains(string(material), `"user":"admin"`) || strings.Contains(string(material), kube.AdminToken) {
		t.Errorf("key material: %s", material)
	}
}

func TestTokenCacheFlagOff(t *testing.T) {
	argo, kube := fakeserver.NewArgo(t, false), fakeserver.NewKube(t)
	env, dir := cachedEnv(t, argo)
	args := []string{"testdata/hello.yaml", "--kubeconfig", kube.WriteKubeconfig(t, "team-a"), "--token-service-account", "ci", "--token-cache=false"}
	for range 2 {
		invocation{env: env}.run(t, args...).wantCode(t, ExitOK)
	}
	if n := countCalls(kube, tokenRequestCall); n != 2 {
		t.Errorf("%d TokenRequests for two submissions with --token-cache=false, want 2", n)
	}
	if entries := cacheEntries(t, dir); len(entries) != 0 {
		t.Errorf("--token-cache=false wrote %d entries", len(entries))
	}
}

// TestKubeAccessTokenCacheOff is --token-cache=false below the flag: the cache is neither read
// nor written.
func TestKubeAccessTokenCacheOff(t *testing.T) {
	argo, kube := fakeserver.NewArgo(t, false), fakeserver.NewKube(t)
	env, dir := cachedEnv(t, argo)
	config := kube.WriteKubeconfig(t, "team-a")
	invocation{env: env}.run(t, "token", "--kubeconfig", config, "--token-service-account", "ci").wantCode(t, ExitOK)
	before, _ := os.ReadFile(filepath.Join(dir, cacheEntryName(t, dir)))

	kube.MintedToken = "eyJhbGciOiJSUzI1NiJ9.uncached-secret-1b2c.c2ln"
	isolateKubeconfig(t)
	off := false
	flags := genericclioptions.NewConfigFlags(true)
	*flags.KubeConfig = config
	k := &kubeAccess{configFlags: flags, tokenFlags: NewTokenFlags(), getenv: func(key string) string { return env[key] },
		redactor: redact.NewFilter(), tokenCache: &off}
	tok, err := k.credentials(token.Settings{ServiceAccount: "ci", Namespace: "team-a", Duration: time.Hour}).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if tok.Authorization() != "Bearer "+kube.MintedToken || countCalls(kube, tokenRequestCall) != 2 {
		t.Errorf("the cached token was read: %d TokenRequests", countCalls(kube, tokenRequestCall))
	}
	after, _ := os.ReadFile(filepath.Join(dir, cacheEntryName(t, dir)))
	if string(after) != string(before) {
		t.Error("the cache was written with the cache off")
	}
}

func cacheEntryName(t *testing.T, dir string) string {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(paths) != 1 {
		t.Fatalf("%d cache entries, want 1", len(paths))
	}
	return filepath.Base(paths[0])
}

// refuse makes the fake Argo Server answer 401 to a token, as it does once that token is revoked.
func refuse(argo *fakeserver.Argo, authorization string) {
	argo.Respond = func(_ int, req fakeserver.ArgoRequest) fakeserver.ArgoResponse {
		if req.Authorization == authorization {
			return fakeserver.ArgoResponse{Status: http.StatusUnauthorized, Code: 16, Message: "token not valid"}
		}
		return fakeserver.ArgoResponse{}
	}
}

func TestTokenCache401DropsTheEntryAndMintsAgain(t *testing.T) {
	argo, kube := fakeserver.NewArgo(t, false), fakeserver.NewKube(t)
	env, dir := cachedEnv(t, argo)
	args := []string{"testdata/hello.yaml", "--kubeconfig", kube.WriteKubeconfig(t, "team-a"), "--token-service-account", "ci"}
	invocation{env: env}.run(t, args...).wantCode(t, ExitOK)

	revoked := "Bearer " + kube.MintedToken
	refuse(argo, revoked)
	kube.MintedToken = "eyJhbGciOiJSUzI1NiJ9.renewed-secret-4a8e.c2ln"
	invocation{env: env}.run(t, args...).wantCode(t, ExitOK)

	if n := countCalls(kube, tokenRequestCall); n != 2 {
		t.Errorf("%d TokenRequests, want 2: the refused cached token must be replaced", n)
	}
	var sent []string
	for _, req := range argo.Requests() {
		sent = append(sent, strings.TrimPrefix(req.Authorization, "Bearer "))
	}
	want := []string{strings.TrimPrefix(revoked, "Bearer "), strings.TrimPrefix(revoked, "Bearer "), kube.MintedToken}
	if strings.Join(sent, " ") != strings.Join(want, " ") {
		t.Errorf("the Argo Server got tokens %v, want %v", sent, want)
	}
	entries := cacheEntries(t, dir)
	if len(entries) != 1 || entries[0]["authorization"] != "Bearer "+kube.MintedToken {
		t.Errorf("the cache does not hold the renewed token")
	}
}

func TestTokenCache401ThenServiceAccountGone(t *testing.T) {
	argo, kube := fakeserver.NewArgo(t, false), fakeserver.NewKube(t)
	env, dir := cachedEnv(t, argo)
	args := []string{"testdata/hello.yaml", "--kubeconfig", kube.WriteKubeconfig(t, "team-a"), "--token-service-account", "ci"}
	invocation{env: env}.run(t, args...).wantCode(t, ExitOK)

	refuse(argo, "Bearer "+kube.MintedToken)
	kube.ServiceAccount = "someone-else" // ci is deleted
	r := invocation{env: env}.run(t, args...)
	r.wantCode(t, ExitAuth)
	r.wantStderr(t, `serviceaccount "ci" not found in namespace "team-a"`, "renewing the credentials failed")
	if entries := cacheEntries(t, dir); len(entries) != 0 {
		t.Errorf("the refused token is still cached")
	}
}

func TestTokenCommandUsesTheCacheAndClearsIt(t *testing.T) {
	kube := fakeserver.NewKube(t)
	env, dir := cachedEnv(t, fakeserver.NewArgo(t, false))
	config := kube.WriteKubeconfig(t, "team-a")
	for _, args := range [][]string{
		{"--token-service-account", "ci"},
		{"--token-service-account", "ci"},
		{"--token-source", "secret", "--token-service-account", "ci"},
		{"--token-source", "secret", "--token-service-account", "ci"},
	} {
		r := invocation{env: env}.run(t, append([]string{"token", "--kubeconfig", config}, args...)...)
		r.wantCode(t, ExitOK)
	}
	if n := len(kube.Calls()); n != 3 { // one TokenRequest; the service account and its Secret once
		t.Errorf("%d Kubernetes API calls for two cached tokens, want 3: %v", n, kube.Calls())
	}
	calls := len(kube.Calls())

	r := invocation{env: env}.run(t, "token", "--clear-cache")
	r.wantCode(t, ExitOK)
	r.wantStdout(t, "2 cached tokens removed from "+dir+"\n")
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left in the cache: %v", left)
	}
	if len(kube.Calls()) != calls {
		t.Errorf("--clear-cache called the Kubernetes API")
	}
	r = invocation{env: env}.run(t, "token", "--clear-cache")
	r.wantStdout(t, "0 cached tokens removed from "+dir+"\n")
}

func TestKubeUserNamesTheSelectedUser(t *testing.T) {
	isolateKubeconfig(t)
	config := fakeserver.NewKube(t).WriteKubeconfig(t, "team-a")
	for _, tc := range []struct{ user, context, want string }{
		{"", "", "admin"},
		{"bob", "", "bob"},
		{"", "no-such-context", ""},
	} {
		flags := genericclioptions.NewConfigFlags(true)
		*flags.KubeConfig, *flags.AuthInfoName, *flags.Context = config, tc.user, tc.context
		if got := (&kubeAccess{configFlags: flags}).kubeUser(); got != tc.want {
			t.Errorf("--user %q --context %q: %q, want %q", tc.user, tc.context, got, tc.want)
		}
	}
}
