package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// run builds every platform of opts and writes its archives and checksums.txt into opts.out.
// Progress goes to log.
func run(ctx context.Context, opts options, log io.Writer) error {
	src, err := readSource(ctx, opts.repoRoot)
	if err != nil {
		return err
	}
	if src.dirty {
		fmt.Fprintf(log, "dist: warning: the working tree has changes: these archives are not what commit %.12s builds\n", src.commit)
	}
	tmp, err := os.MkdirTemp("", "argo-submit-dist-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.MkdirAll(opts.out, 0o755); err != nil {
		return err
	}
	var names []string
	for _, p := range opts.platforms {
		name, err := release(ctx, src, opts, p, tmp, log)
		if err != nil {
			return err
		}
		names = append(names, name)
	}
	return writeChecksums(opts.out, names)
}

// release builds p and writes its archive, returning the archive's name.
func release(ctx context.Context, src source, opts options, p platform, tmp string, log io.Writer) (string, error) {
	start := time.Now()
	bin, err := build(ctx, src, opts.version, p, tmp)
	if err != nil {
		return "", err
	}
	name := p.archiveName(opts.version)
	path := filepath.Join(opts.out, name)
	if err := writeArchive(path, entries(src.root, bin, p), src.date, p.windows()); err != nil {
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(log, "dist: %s (%.1f MB) in %s\n", path, float64(info.Size())/1e6, time.Since(start).Round(100*time.Millisecond))
	return name, nil
}

// writeChecksums writes out/checksums.txt in sha256sum's format, sorted by name, so that
// `sha256sum -c checksums.txt` verifies a download.
func writeChecksums(out string, names []string) error {
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		sum, err := fileSHA256(filepath.Join(out, name))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, name)
	}
	return os.WriteFile(filepath.Join(out, "checksums.txt"), []byte(b.String()), 0o644)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
