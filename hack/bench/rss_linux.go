package main

import (
	"os/exec"
	"syscall"
)

// maxRSS is the child's peak resident set in bytes (Linux reports KiB).
func maxRSS(cmd *exec.Cmd) int64 {
	if usage, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return usage.Maxrss * 1024
	}
	return 0
}
