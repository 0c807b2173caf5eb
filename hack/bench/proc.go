package main

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// command is one process the benchmark runs: an executable, its arguments and its whole environment
// (nothing of the caller's leaks in, so every tool sees the same minimal environment).
type command struct {
	path string
	args []string
	env  []string
}

// measure runs c once, bounded by timeout, and returns its wall time and peak RSS. The peak RSS is the
// kernel's ru_maxrss of the child from wait4, the figure /usr/bin/time -v prints, read without a
// wrapper process that would add its own start-up to the wall time.
func measure(c command, timeout time.Duration) (sample, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.path, c.args...)
	cmd.Env = c.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s %s: %w: %.500s", c.path, strings.Join(c.args, " "), err, stderr.String())
	}
	return sample{wall: wall, maxRSS: maxRSS(cmd)}, nil
}

// scenario is one tool measured in one situation; prepare and check, when set, run untimed before
// and after each run.
type scenario struct {
	name           string
	cmd            command
	prepare, check func() error
}

// measureRounds runs every scenario reps times, one of each per round, so that a slow spell of the
// shared machine hits all tools alike rather than whichever ran then. One untimed warm-up run each
// first, when warmUp, puts the binaries in the page cache.
func measureRounds(scenarios []scenario, reps int, warmUp bool, timeout time.Duration) ([]series, error) {
	results := make([]series, len(scenarios))
	first := 0
	if warmUp {
		first = -1
	}
	for round := first; round < reps; round++ {
		for i, s := range scenarios {
			x, err := s.run(timeout)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.name, err)
			}
			if round >= 0 {
				results[i] = append(results[i], x)
			}
		}
	}
	return results, nil
}

// run is one measured run between its untimed prepare and check.
func (s scenario) run(timeout time.Duration) (sample, error) {
	if s.prepare != nil {
		if err := s.prepare(); err != nil {
			return sample{}, err
		}
	}
	x, err := measure(s.cmd, timeout)
	if err != nil {
		return sample{}, err
	}
	if s.check != nil {
		return x, s.check()
	}
	return x, nil
}
