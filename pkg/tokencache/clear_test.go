package tokencache

import (
	"os"
	"path/filepath"
	"testing"
)

func TestClear(t *testing.T) {
	s, m := newStore(t), newMinter()
	get(t, s, testKey("ci"), m)
	get(t, s, testKey("deployer"), m)
	stray := filepath.Join(s.Dir, testKey("ci").ID()+entrySuffix+".123"+tempSuffix)
	notOurs := filepath.Join(s.Dir, "README")
	for _, path := range []string{stray, notOurs} {
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := s.Clear()
	if err != nil || removed != 2 {
		t.Fatalf("Clear = %d, %v; want 2 tokens", removed, err)
	}
	left, _ := os.ReadDir(s.Dir)
	if len(left) != 1 || left[0].Name() != "README" {
		t.Errorf("left behind: %v", left)
	}
	if got := get(t, s, testKey("ci"), m); got != "Bearer minted-3" {
		t.Errorf("after Clear: %q, want a new token", got)
	}
}

func TestClearWithoutFolder(t *testing.T) {
	removed, err := (&Store{Dir: filepath.Join(t.TempDir(), "none")}).Clear()
	if removed != 0 || err != nil {
		t.Errorf("Clear = %d, %v", removed, err)
	}
}

func TestDefaultDir(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, tc := range []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{"KUBECACHEDIR": "/cache", "HOME": "/home/u"}, filepath.Join("/cache", "argo-submit")},
		{map[string]string{"HOME": "/home/u"}, filepath.Join("/home/u", ".kube", "cache", "argo-submit")},
	} {
		got, err := DefaultDir(env(tc.vars))
		if err != nil || got != tc.want {
			t.Errorf("DefaultDir(%v) = %q, %v; want %q", tc.vars, got, err, tc.want)
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		t.Skip(err)
	}
	if got, _ := DefaultDir(env(nil)); got != filepath.Join(home, ".kube", "cache", "argo-submit") {
		t.Errorf("without HOME from getenv: %q", got)
	}
}
