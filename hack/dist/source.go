package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// source is the commit being released: its hash and date are stamped into the binary, and the
// date is every archive entry's modification time, so nothing depends on when the build ran.
type source struct {
	root   string
	commit string
	date   time.Time // for archive entries
	stamp  string    // for main.date: the date exactly as git prints it, as the Makefile stamps it
	dirty  bool
}

func readSource(ctx context.Context, dir string) (source, error) {
	root, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return source{}, err
	}
	commit, err := git(ctx, root, "rev-parse", "HEAD")
	if err != nil {
		return source{}, err
	}
	iso, err := git(ctx, root, "log", "-1", "--format=%cI")
	if err != nil {
		return source{}, err
	}
	date, err := time.Parse(time.RFC3339, iso)
	if err != nil {
		return source{}, fmt.Errorf("the commit date %q: %w", iso, err)
	}
	changes, err := git(ctx, root, "status", "--porcelain", "--untracked-files=no")
	if err != nil {
		return source{}, err
	}
	return source{root: root, commit: commit, date: date.UTC(), stamp: iso, dirty: changes != ""}, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		if exitErr, ok := err.(*exec.ExitError); ok {
			return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, exitErr.Stderr)
		}
		return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}
