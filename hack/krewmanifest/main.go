// Command krewmanifest renders krew-manifest.yaml, the krew-release-bot template of the plugin's krew
// manifest, for the archives that hack/dist built:
//
//	go run ./hack/krewmanifest -version v0.1.0 [-checksums dist/checksums.txt] [-out plugins/argo-submit.yaml]
//
// (`make krew-manifest VERSION=v0.1.0`). It takes each archive's sha256 from checksums.txt where the
// bot would download the release asset, so the manifest can be checked before anything is published.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	version := flag.String("version", "", "the release tag, e.g. v0.1.0 (required)")
	checksums := flag.String("checksums", filepath.Join("dist", "checksums.txt"), "hack/dist's checksums.txt")
	template := flag.String("template", "krew-manifest.yaml", "the krew-release-bot template")
	out := flag.String("out", filepath.Join("plugins", "argo-submit.yaml"), "the manifest to write; its base name must be argo-submit.yaml for krew")
	builtOnly := flag.Bool("built-only", false, "keep only the platforms whose archive checksums.txt lists, instead of failing (tests build one)")
	flag.Parse()
	if err := mainErr(*version, *checksums, *template, *out, *builtOnly); err != nil {
		fmt.Fprintln(os.Stderr, "krewmanifest:", err)
		os.Exit(1)
	}
}

func mainErr(version, checksumsPath, templatePath, out string, builtOnly bool) error {
	if version == "" || flag.NArg() > 0 {
		return fmt.Errorf("usage: krewmanifest -version vX.Y.Z [flags] (see -h)")
	}
	sums, err := readChecksums(checksumsPath)
	if err != nil {
		return err
	}
	text, err := os.ReadFile(templatePath)
	if err != nil {
		return err
	}
	manifest, err := render(string(text), version, sums, builtOnly)
	if err != nil {
		return fmt.Errorf("%s: %w", templatePath, err)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, manifest, 0o644)
}
