package main

import (
	"fmt"
	"regexp"
	"strings"
)

// defaultPlatforms are the released platforms: what kubectl itself ships for, minus 32-bit.
const defaultPlatforms = "linux/amd64,linux/arm64,darwin/amd64,darwin/arm64,windows/amd64,windows/arm64"

// krew and the release URLs need a semantic version with a v; build metadata (+…) is left out as
// it would change the archive names without changing the version krew compares.
var versionPattern = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// options are one dist run: repoRoot empty means the git top level of the working directory.
type options struct {
	version   string
	platforms []platform
	out       string
	repoRoot  string
}

func newOptions(version, platforms, out string) (options, error) {
	if version == "" {
		return options{}, fmt.Errorf("-version is required, e.g. -version v0.1.0")
	}
	if !versionPattern.MatchString(version) {
		return options{}, fmt.Errorf("-version %q is not vMAJOR.MINOR.PATCH[-prerelease]", version)
	}
	list, err := parsePlatforms(platforms)
	if err != nil {
		return options{}, err
	}
	if out == "" {
		return options{}, fmt.Errorf("-out must name a folder")
	}
	return options{version: version, platforms: list, out: out}, nil
}

// platform is one GOOS/GOARCH pair.
type platform struct{ os, arch string }

func (p platform) String() string { return p.os + "/" + p.arch }

func (p platform) windows() bool { return p.os == "windows" }

// executable is the plugin's file name: Windows finds executables by their extension.
func (p platform) executable() string {
	if p.windows() {
		return "kubectl-argo_submit.exe"
	}
	return "kubectl-argo_submit"
}

// archiveName is the release asset name that krew-manifest.yaml's URLs expect.
func (p platform) archiveName(version string) string {
	ext := ".tar.gz"
	if p.windows() {
		ext = ".zip"
	}
	return fmt.Sprintf("kubectl-argo_submit_%s_%s_%s%s", version, p.os, p.arch, ext)
}

// parsePlatforms accepts only released platforms, so a typo cannot produce an unexpected asset.
func parsePlatforms(list string) ([]platform, error) {
	known := map[string]bool{}
	for _, p := range strings.Split(defaultPlatforms, ",") {
		known[p] = true
	}
	var out []platform
	seen := map[string]bool{}
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if !known[item] {
			return nil, fmt.Errorf("unknown platform %q in -platforms: use some of %s", item, defaultPlatforms)
		}
		if seen[item] {
			continue
		}
		seen[item] = true
		goos, goarch, _ := strings.Cut(item, "/")
		out = append(out, platform{os: goos, arch: goarch})
	}
	return out, nil
}
