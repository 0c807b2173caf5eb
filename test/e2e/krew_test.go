package e2e

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/internal/plugintest"
)

// krewTag is the release version of the archive the krew test builds.
const krewTag = "v0.0.0-e2e"

// releaseURL is where krew-manifest.yaml says the release archives are.
const releaseURL = "https://github.com/kubectl-argo-submit/kubectl-argo-submit/releases/download/"

// TestKrew installs the release archive with krew, from a manifest rendered from krew-manifest.yaml,
// and submits through the plugin krew installed. Nothing but 127.0.0.1 is contacted: the archive comes
// from --archive or a local file server, the index is a local git repository, and any other HTTP
// request goes to a proxy that fails the test.
func TestKrew(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the krew test installs a tar.gz archive")
	}
	rel := newKrewRelease(t)
	k := newKrewUser(t, rel.index)
	k.commit(t, rel.index)

	// krew-index's own check: structure for the release manifest (its archives are not published),
	// and structure, install and LICENSE for the same manifest downloading from 127.0.0.1.
	succeeds(t, k.validate(t, rel.manifest, "-skip-install"), "structural validation OK")
	succeeds(t, k.validate(t, rel.local), "all 1 spec.platforms installed fine")
	if r := k.kubectl(t, nil, "", "argo-submit", "version"); r.Code == 0 {
		t.Fatalf("kubectl argo-submit ran before krew installed it: the suite's plugin is on krew's PATH\n%s", r.Stdout)
	}

	// Uninstalling wants a local index: this repository, as the README has users add it.
	k.kubectl(t, nil, "", "krew", "index", "add", "argo-submit", rel.index).WantCode(t, 0)
	succeeds(t, k.kubectl(t, nil, "", "krew", "install", "--manifest="+rel.manifest, "--archive="+rel.archive), "Installed plugin: argo-submit")
	k.wantInstalled(t)
	k.wantSubmits(t)
	k.uninstall(t)

	// The README's install: from this repository as an index, downloading the archive (from 127.0.0.1).
	before := rel.downloads.Load()
	succeeds(t, k.kubectl(t, nil, "", "krew", "install", "argo-submit/argo-submit"), "Installed plugin: argo-submit")
	if rel.downloads.Load() == before {
		t.Error("krew installed from the index without downloading the archive")
	}
	k.wantInstalled(t)
	k.uninstall(t)
}

// krewRelease is a release as the test builds and serves it.
type krewRelease struct {
	archive, manifest string        // the archive, and its manifest downloading from GitHub
	local, index      string        // that manifest downloading from 127.0.0.1, in an index folder
	downloads         *atomic.Int32 // archive downloads from 127.0.0.1
}

func newKrewRelease(t *testing.T) krewRelease {
	t.Helper()
	dir := t.TempDir()
	rel := krewRelease{index: filepath.Join(dir, "index"), downloads: &atomic.Int32{}}
	var checksums string
	rel.archive, checksums = buildArchive(t, filepath.Join(dir, "dist"))
	rel.manifest = renderManifest(t, checksums, filepath.Join(dir, "release", "argo-submit.yaml"))
	base := serveArchives(t, filepath.Dir(rel.archive), rel.downloads)
	rel.local = localManifest(t, rel.manifest, base, filepath.Join(rel.index, "plugins", "argo-submit.yaml"))
	return rel
}

// buildArchive runs hack/dist for this machine's platform into out: the archive and checksums.txt.
func buildArchive(t *testing.T, out string) (archive, checksums string) {
	t.Helper()
	start := time.Now()
	platform := runtime.GOOS + "/" + runtime.GOARCH
	goRun(t, "./hack/dist", "-version", krewTag, "-platforms", platform, "-out", out)
	t.Logf("hack/dist built %s in %s", platform, time.Since(start).Round(time.Millisecond))
	name := "kubectl-argo_submit_" + krewTag + "_" + runtime.GOOS + "_" + runtime.GOARCH + ".tar.gz"
	return filepath.Join(out, name), filepath.Join(out, "checksums.txt")
}

// renderManifest runs hack/krewmanifest for the one archive built.
func renderManifest(t *testing.T, checksums, out string) string {
	t.Helper()
	goRun(t, "./hack/krewmanifest", "-version", krewTag, "-checksums", checksums, "-out", out, "-built-only")
	return out
}

func goRun(t *testing.T, args ...string) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"run"}, args...)...)
	cmd.Dir = filepath.Join("..", "..")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// serveArchives serves dir as the release tag's download folder on 127.0.0.1, counting downloads.
func serveArchives(t *testing.T, dir string, downloads *atomic.Int32) string {
	t.Helper()
	files := http.StripPrefix("/"+krewTag, http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		downloads.Add(1)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// localManifest writes a copy of manifest whose archive comes from base instead of GitHub.
func localManifest(t *testing.T, manifest, base, out string) string {
	t.Helper()
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(releaseURL)) {
		t.Fatalf("%s downloads from none of %s:\n%s", manifest, releaseURL, data)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, bytes.ReplaceAll(data, []byte(releaseURL), []byte(base)), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// krewUser is someone with krew and no plugin yet: a KREW_ROOT and HOME of their own, and a PATH of
// kubectl, git, krew and KREW_ROOT/bin only, without the suite's plugin folder.
type krewUser struct {
	root, kubectlPath string
	env               []string
}

func newKrewUser(t *testing.T, index string) *krewUser {
	t.Helper()
	tools := t.TempDir()
	for _, name := range []string{"kubectl", "git"} {
		path, err := exec.LookPath(name)
		if err != nil {
			t.Fatalf("the krew test needs %s on PATH: %v", name, err)
		}
		if err := os.Symlink(path, filepath.Join(tools, name)); err != nil {
			t.Fatal(err)
		}
	}
	root := filepath.Join(t.TempDir(), "krew")
	bins := cluster.Binaries()
	path := strings.Join([]string{tools, filepath.Dir(bins.Krew), filepath.Join(root, "bin")}, string(os.PathListSeparator))
	proxy := trapProxy(t)
	return &krewUser{root: root, kubectlPath: filepath.Join(tools, "kubectl"), env: []string{
		"PATH=" + path, "HOME=" + t.TempDir(), "KREW_ROOT=" + root,
		// No upgrade check against GitHub, and the default index, should krew want one, is local.
		"KREW_NO_UPGRADE_CHECK=1", "KREW_DEFAULT_INDEX_URI=" + index,
		"HTTP_PROXY=" + proxy, "HTTPS_PROXY=" + proxy, "http_proxy=" + proxy, "https_proxy=" + proxy,
		"GIT_ALLOW_PROTOCOL=file", "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0",
	}}
}

// trapProxy is an HTTP proxy on 127.0.0.1 that fails the test on any request. Go programs and git
// send every request for a host other than 127.0.0.1 to it (loopback is never proxied), so a request
// for the internet ends here instead of leaving the machine.
func trapProxy(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a request left for %s %s", r.Method, r.Host)
		http.Error(w, "no network in the e2e tests", http.StatusForbidden)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// kubectl runs `kubectl ARGS` as this user, plus env, recording the output for the suite's token check.
func (k *krewUser) kubectl(t *testing.T, e env, stdin string, args ...string) plugintest.Result {
	t.Helper()
	cmd := exec.Command(k.kubectlPath, args...)
	cmd.Env = append([]string(nil), k.env...)
	for key, value := range e {
		cmd.Env = append(cmd.Env, key+"="+value)
	}
	r := execute(t, cmd, stdin)
	record.add(t.Name(), r.Combined())
	return r
}

// validate runs krew-index's validate-krew-manifest, which installs through `kubectl krew` on PATH
// unless a flag says -skip-install.
func (k *krewUser) validate(t *testing.T, manifest string, flags ...string) plugintest.Result {
	t.Helper()
	cmd := exec.Command(cluster.Binaries().ValidateKrewManifest, append([]string{"-manifest", manifest}, flags...)...)
	cmd.Env = k.env
	return execute(t, cmd, "")
}

// succeeds checks that a run exited 0 and said what it did on stderr, where krew and klog write.
func succeeds(t *testing.T, r plugintest.Result, stderr string) {
	t.Helper()
	r.WantCode(t, 0)
	r.WantStderr(t, stderr)
}

// commit makes dir a git repository of its files, which krew can add as an index.
func (k *krewUser) commit(t *testing.T, dir string) {
	t.Helper()
	for _, args := range [][]string{{"init", "-q"}, {"add", "."},
		{"-c", "user.name=e2e", "-c", "user.email=e2e@example.invalid", "commit", "-q", "-m", "argo-submit"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, k.env
		execute(t, cmd, "").WantCode(t, 0)
	}
}

func execute(t *testing.T, cmd *exec.Cmd, stdin string) plugintest.Result {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = strings.NewReader(stdin), &out, &errOut
	err := cmd.Run()
	var exitErr *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("running %s: %v", cmd.Path, err)
	}
	return plugintest.Result{Code: code, Stdout: out.String(), Stderr: errOut.String()}
}

// wantInstalled checks kubectl runs krew's symlink, with the version the archive was stamped with, and
// that krew unpacked the whole archive.
func (k *krewUser) wantInstalled(t *testing.T) {
	t.Helper()
	r := k.kubectl(t, nil, "", "argo-submit", "version")
	r.WantCode(t, 0)
	if !strings.Contains(r.Stdout, krewTag) {
		t.Errorf("kubectl argo-submit version printed %q, want %s", r.Stdout, krewTag)
	}
	bin := filepath.Join(k.root, "bin", "kubectl-argo_submit")
	if list := k.kubectl(t, nil, "", "plugin", "list"); !strings.Contains(list.Stdout, bin) {
		t.Errorf("kubectl plugin list does not show %s:\n%s%s", bin, list.Stdout, list.Stderr)
	}
	for _, name := range []string{"kubectl-argo_submit", "kubectl_complete-argo_submit", "LICENSE", "README.md"} {
		if _, err := os.Stat(filepath.Join(k.root, "store", "argo-submit", krewTag, name)); err != nil {
			t.Errorf("krew did not unpack %s: %v", name, err)
		}
	}
}

// wantSubmits submits a workflow through krew's install to the real Argo Server.
func (k *krewUser) wantSubmits(t *testing.T) {
	t.Helper()
	ns, e := submitter(t)
	r := k.kubectl(t, e, helloWorkflow, "argo-submit", "-f", "-", "--argo-ca-file", cluster.ArgoCAFile, "-v=10")
	wantSubmitted(t, r, ns, 1)
}

// uninstall removes the plugin with krew and checks that kubectl no longer finds it.
func (k *krewUser) uninstall(t *testing.T) {
	t.Helper()
	succeeds(t, k.kubectl(t, nil, "", "krew", "uninstall", "argo-submit"), "Uninstalled plugin: argo-submit")
	for _, path := range []string{filepath.Join(k.root, "bin", "kubectl-argo_submit"), filepath.Join(k.root, "store", "argo-submit")} {
		if _, err := os.Lstat(path); !os.IsNotExist(err) {
			t.Errorf("%s is still there after uninstalling (%v)", path, err)
		}
	}
	if r := k.kubectl(t, nil, "", "argo-submit", "version"); r.Code == 0 {
		t.Errorf("kubectl argo-submit still runs after uninstalling:\n%s", r.Stdout)
	}
}
