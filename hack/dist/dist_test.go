package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

const testVersion = "v1.2.3-test.1"

// file is what a test expects of, and finds in, one archive entry.
type file struct {
	name string
	mode int64
	data []byte
}

// TestDist builds linux/amd64 and windows/amd64 twice, into different folders: each archive holds
// exactly the expected files, checksums.txt verifies, and the two runs are byte-identical.
func TestDist(t *testing.T) {
	ctx := context.Background()
	src, err := readSource(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	opts, err := newOptions(testVersion, "linux/amd64,windows/amd64", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	first := distInto(t, opts)
	opts.out = t.TempDir()
	second := distInto(t, opts)

	wantFolder(t, first, "checksums.txt", "kubectl-argo_submit_"+testVersion+"_linux_amd64.tar.gz",
		"kubectl-argo_submit_"+testVersion+"_windows_amd64.zip")
	wantChecksums(t, first)
	linux := readTarGz(t, filepath.Join(first, "kubectl-argo_submit_"+testVersion+"_linux_amd64.tar.gz"), src.date)
	wantEntries(t, linux, src.root, "kubectl-argo_submit", "kubectl_complete-argo_submit", "LICENSE", "README.md")
	windows := readZip(t, filepath.Join(first, "kubectl-argo_submit_"+testVersion+"_windows_amd64.zip"), src.date)
	wantEntries(t, windows, src.root, "kubectl-argo_submit.exe", "LICENSE", "README.md")
	wantSameFolders(t, first, second)
	if runtime.GOOS == "linux" && runtime.GOARCH == "amd64" {
		wantVersion(t, linux[0].data, src.commit)
	}
}

func distInto(t *testing.T, opts options) string {
	t.Helper()
	start := time.Now()
	var log bytes.Buffer
	if err := run(context.Background(), opts, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Logf("dist in %s:\n%s", time.Since(start).Round(time.Millisecond), log.String())
	return opts.out
}

func wantFolder(t *testing.T, dir string, names ...string) {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range list {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}

// wantChecksums checks checksums.txt as `sha256sum -c` would: sorted, two spaces, every file right.
func wantChecksums(t *testing.T, dir string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "checksums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	for i, line := range lines {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 || (i > 0 && lines[i-1][66:] >= name) {
			t.Fatalf("checksums.txt line %q is not a sorted `sha256  name` line:\n%s", line, data)
		}
		if got, err := fileSHA256(filepath.Join(dir, name)); err != nil || got != sum {
			t.Errorf("%s: sha256 %s (%v), checksums.txt says %s", name, got, err, sum)
		}
	}
}

// readTarGz reads a tar.gz, checking the metadata that reproducibility rests on.
func readTarGz(t *testing.T, path string, mtime time.Time) []file {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() {
		t.Errorf("%s: gzip header has name %q and time %s, want neither", path, gz.Name, gz.ModTime)
	}
	var files []file
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		if hdr.Typeflag != tar.TypeReg || hdr.Uid != 0 || hdr.Gid != 0 || hdr.Uname != "" || hdr.Gname != "" || !hdr.ModTime.Equal(mtime) {
			t.Errorf("%s: %s: type %c, owner %d:%d (%q:%q), time %s; want a file owned by 0:0, unnamed, at %s",
				path, hdr.Name, hdr.Typeflag, hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname, hdr.ModTime, mtime)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file{name: hdr.Name, mode: hdr.Mode, data: data})
	}
}

func readZip(t *testing.T, path string, mtime time.Time) []file {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var files []file
	for _, zf := range zr.File {
		if !zf.Modified.Equal(mtime) {
			t.Errorf("%s: %s: time %s, want %s", path, zf.Name, zf.Modified, mtime)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, file{name: zf.Name, mode: int64(zf.Mode().Perm()), data: data})
	}
	return files
}

// wantEntries checks names and order, modes, and that the non-executables are the repository's files.
func wantEntries(t *testing.T, files []file, root string, names ...string) {
	t.Helper()
	var got []string
	for _, f := range files {
		got = append(got, f.name)
		want := int64(0o755)
		if f.name == "LICENSE" || f.name == "README.md" {
			want = 0o644
		}
		if f.mode != want {
			t.Errorf("%s: mode %o, want %o", f.name, f.mode, want)
		}
		if repo := repoFile(f.name); repo != "" {
			data, err := os.ReadFile(filepath.Join(root, repo))
			if err != nil || !bytes.Equal(data, f.data) {
				t.Errorf("%s differs from the repository's %s (%v)", f.name, repo, err)
			}
		}
	}
	if strings.Join(got, " ") != strings.Join(names, " ") {
		t.Errorf("archive lists %q, want %q", got, names)
	}
}

func repoFile(name string) string {
	switch name {
	case "LICENSE", "README.md":
		return name
	case "kubectl_complete-argo_submit":
		return filepath.Join("hack", "completion", name)
	}
	return ""
}

func wantSameFolders(t *testing.T, a, b string) {
	t.Helper()
	list, err := os.ReadDir(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		x, errX := os.ReadFile(filepath.Join(a, e.Name()))
		y, errY := os.ReadFile(filepath.Join(b, e.Name()))
		if errX != nil || errY != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs for the same commit (%v, %v)", e.Name(), errX, errY)
		}
	}
}

// wantVersion runs the archived linux binary: the stamped version and commit show in `version`.
func wantVersion(t *testing.T, binary []byte, commit string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kubectl-argo_submit")
	if err := os.WriteFile(path, binary, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "version")
	cmd.Env = []string{"HOME=" + t.TempDir()}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), testVersion) || !strings.Contains(string(out), commit[:7]) {
		t.Errorf("`kubectl-argo_submit version` printed (%v):\n%s\nwant %s and commit %s", err, out, testVersion, commit)
	}
}

func TestOptions(t *testing.T) {
	for _, tc := range []struct {
		version, platforms, err string
	}{
		{"v0.1.0", defaultPlatforms, ""},
		{"v1.20.3-rc.1", "linux/arm64, darwin/arm64,linux/arm64", ""},
		{"", defaultPlatforms, "-version is required"},
		{"0.1.0", defaultPlatforms, "is not vMAJOR.MINOR.PATCH"},
		{"v0.1", defaultPlatforms, "is not vMAJOR.MINOR.PATCH"},
		{"v0.1.0+build", defaultPlatforms, "is not vMAJOR.MINOR.PATCH"},
		{"v01.1.0", defaultPlatforms, "is not vMAJOR.MINOR.PATCH"},
		{"v0.1.0", "linux/386", `unknown platform "linux/386"`},
		{"v0.1.0", "", `unknown platform ""`},
	} {
		_, err := newOptions(tc.version, tc.platforms, "dist")
		if (tc.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("newOptions(%q, %q): %v, want error %q", tc.version, tc.platforms, err, tc.err)
		}
	}
	opts, _ := newOptions("v0.1.0", "linux/arm64,darwin/arm64,linux/arm64", "dist")
	if len(opts.platforms) != 2 || opts.platforms[1].archiveName("v0.1.0") != "kubectl-argo_submit_v0.1.0_darwin_arm64.tar.gz" {
		t.Errorf("platforms %v", opts.platforms)
	}
}
