package localcluster

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

const pidFile = "pids"

// recordPID appends "name pid executable" to dir/pids, so that StopRecorded can stop detached
// servers later, and only them.
func recordPID(dir, name string, pid int, executable string) error {
	f, err := os.OpenFile(filepath.Join(dir, pidFile), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = fmt.Fprintf(f, "%s %d %s\n", name, pid, executable)
	return err
}

// StopRecorded stops every server a detached Start recorded in dir, the last started first, and
// reports whether there was anything to stop.
func StopRecorded(dir string) (bool, error) {
	f, err := os.Open(filepath.Join(dir, pidFile))
	if os.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	var pids []int
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		fields := strings.Fields(scanner.Text())
		if len(fields) != 3 {
			continue
		}
		if pid, err := strconv.Atoi(fields[1]); err == nil && runs(pid, fields[2]) {
			pids = append(pids, pid)
		}
	}
	for i := len(pids) - 1; i >= 0; i-- {
		stopGroup(pids[i], stopGrace, nil)
	}
	return len(pids) > 0, scanner.Err()
}

// runs reports whether pid is still the recorded executable: after a reboot the number may belong
// to an unrelated process, which must not be stopped.
func runs(pid int, executable string) bool {
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	return err == nil && exe == executable
}
