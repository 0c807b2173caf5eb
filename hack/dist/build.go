package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// build compiles the plugin for p into dir and returns the executable's path. Every input that
// changes the bytes is fixed here rather than taken from the caller's environment.
func build(ctx context.Context, src source, version string, p platform, dir string) (string, error) {
	bin := filepath.Join(dir, p.os+"_"+p.arch, p.executable())
	ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s -X main.date=%s", version, src.commit, src.stamp)
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags,
		"-o", bin, "./cmd/kubectl-argo_submit")
	cmd.Dir = src.root
	// Later entries win: GOFLAGS is cleared so a developer's -race or -tags cannot leak into a release,
	// and the architecture levels are the defaults, which every machine of that platform runs.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+p.os, "GOARCH="+p.arch, "GOFLAGS=",
		"GOAMD64=v1", "GOARM64=v8.0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building %s: %w\n%s", p, err, out)
	}
	return bin, nil
}
