package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// machine describes the computer without naming it: no hostname, no path.
func machine() [][2]string {
	return [][2]string{
		{"CPUs (nproc)", strconv.Itoa(runtime.NumCPU())},
		{"CPU model", procField("/proc/cpuinfo", "model name")},
		{"Memory", memory()},
		{"Go", runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH},
		{"Kernel", readTrimmed("/proc/sys/kernel/osrelease")},
	}
}

// procField is the value of the first "key : value" line of a /proc file, or "unknown".
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		name, value, ok := strings.Cut(scanner.Text(), ":")
		if ok && strings.TrimSpace(name) == key {
			return strings.TrimSpace(value)
		}
	}
	return "unknown"
}

// memory is MemTotal in GiB (the kernel gives kB).
func memory() string {
	fields := strings.Fields(procField("/proc/meminfo", "MemTotal"))
	if len(fields) == 0 {
		return "unknown"
	}
	kb, err := strconv.ParseFloat(fields[0], 64)
	if err != nil {
		return "unknown"
	}
	return fmt.Sprintf("%.1f GiB", kb/(1<<20))
}

func readTrimmed(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(data))
}
