package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

var allArchives = []string{"linux_amd64.tar.gz", "linux_arm64.tar.gz", "darwin_amd64.tar.gz", "darwin_arm64.tar.gz", "windows_amd64.zip", "windows_arm64.zip"}

func readTemplate(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "krew-manifest.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// fakeSums gives each archive of version a distinct sha256.
func fakeSums(version string, suffixes ...string) map[string]string {
	sums := map[string]string{}
	for i, s := range suffixes {
		sums["kubectl-argo_submit_"+version+"_"+s] = strings.Repeat(fmt.Sprintf("%x", i+10), 64)
	}
	return sums
}

func parse(t *testing.T, data []byte) manifest {
	t.Helper()
	var m manifest
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return m
}

// The template renders every platform, each with its own archive's uri and sha256.
func TestRenderAll(t *testing.T) {
	sums := fakeSums("v9.8.7", allArchives...)
	out, err := render(readTemplate(t), "v9.8.7", sums, false)
	if err != nil {
		t.Fatal(err)
	}
	m := parse(t, out)
	if len(m.Spec.Platforms) != len(allArchives) {
		t.Fatalf("%d platforms, want %d:\n%s", len(m.Spec.Platforms), len(allArchives), out)
	}
	for _, p := range m.Spec.Platforms {
		name := path.Base(p.URI)
		want := "https://github.com/kubectl-argo-submit/kubectl-argo-submit/releases/download/v9.8.7/" + name
		if p.URI != want || p.Sha256 != sums[name] {
			t.Errorf("platform %v: uri %s sha256 %s, want %s and %s", p.Selector.MatchLabels, p.URI, p.Sha256, want, sums[name])
		}
	}
	if strings.Contains(string(out), "{{") {
		t.Errorf("unrendered template action left:\n%s", out)
	}
}

func TestRenderMissingArchive(t *testing.T) {
	_, err := render(readTemplate(t), "v9.8.7", fakeSums("v9.8.7", allArchives[:5]...), false)
	if err == nil || !strings.Contains(err.Error(), "kubectl-argo_submit_v9.8.7_windows_arm64.zip") {
		t.Errorf("got %v, want an error naming the missing archive", err)
	}
	_, err = render(readTemplate(t), "v9.8.7", fakeSums("v9.8.6", allArchives...), false)
	if err == nil {
		t.Error("checksums of another version were accepted")
	}
}

// With -built-only, only the platforms built remain, still a valid manifest.
func TestRenderBuiltOnly(t *testing.T) {
	sums := fakeSums("v0.0.0-e2e", "linux_amd64.tar.gz")
	out, err := render(readTemplate(t), "v0.0.0-e2e", sums, true)
	if err != nil {
		t.Fatal(err)
	}
	m := parse(t, out)
	if len(m.Spec.Platforms) != 1 || m.Spec.Platforms[0].Sha256 != sums["kubectl-argo_submit_v0.0.0-e2e_linux_amd64.tar.gz"] {
		t.Errorf("platforms %+v, want linux/amd64 alone:\n%s", m.Spec.Platforms, out)
	}
	if _, err := render(readTemplate(t), "v0.0.0-e2e", map[string]string{}, true); err == nil {
		t.Error("no archive at all was accepted")
	}
}

// The checked-in plugins/argo-submit.yaml is the template rendered for its own version and sha256s:
// whoever edits krew-manifest.yaml re-renders it (make krew-manifest VERSION=…).
func TestCheckedInManifestIsRendered(t *testing.T) {
	file := filepath.Join("..", "..", "plugins", "argo-submit.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := parse(t, data)
	sums := map[string]string{}
	for _, p := range m.Spec.Platforms {
		sums[path.Base(p.URI)] = p.Sha256
	}
	out, err := render(readTemplate(t), m.Spec.Version, sums, false)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != string(data) {
		t.Errorf("%s is not krew-manifest.yaml rendered for %s; rendered:\n%s", file, m.Spec.Version, out)
	}
}

func TestCheckRejects(t *testing.T) {
	good, err := render(readTemplate(t), "v1.0.0", fakeSums("v1.0.0", allArchives...), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ from, to, err string }{
		{"name: argo-submit", "name: argo_submit", "not the argo-submit krew Plugin"},
		{"version: v1.0.0", "version: v1.0.1", "spec.version"},
		{"shortDescription: Submit", "shortDescription: Submit Submit Submit Submit", "characters"},
		{"arch: arm64", "arch: amd64", "platform linux/amd64"},
		{"bin: kubectl-argo_submit.exe", "bin: kubectl-argo_submit", "platform windows/amd64"},
	} {
		bad := strings.Replace(string(good), tc.from, tc.to, 1)
		if err := check([]byte(bad), "v1.0.0"); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%s → %s: %v, want %q", tc.from, tc.to, err, tc.err)
		}
	}
}

func TestReadChecksums(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	file := filepath.Join(t.TempDir(), "checksums.txt")
	os.WriteFile(file, []byte(sum+"  a.tar.gz\n"+sum+" *b.zip\n\n"), 0o644)
	sums, err := readChecksums(file)
	if err != nil || sums["a.tar.gz"] != sum || sums["b.zip"] != sum || len(sums) != 2 {
		t.Errorf("got %v, %v", sums, err)
	}
	os.WriteFile(file, []byte(strings.ToUpper(sum)+"  a.tar.gz\n"), 0o644)
	if _, err := readChecksums(file); err == nil {
		t.Error("an uppercase sha256 was accepted: krew wants lowercase")
	}
}
