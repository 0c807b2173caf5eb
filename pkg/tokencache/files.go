package tokencache

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"k8s.io/klog/v2"
)

const (
	dirMode     = 0o700
	fileMode    = 0o600
	entrySuffix = ".json"
	lockSuffix  = ".lock"
	tempSuffix  = ".tmp"
)

// ensureDir makes the folder, or narrows an existing one's mode to 0700: the files are private,
// but a readable folder would still list which clusters and accounts have tokens.
func ensureDir(dir string) error {
	if dir == "" {
		return errors.New("no folder")
	}
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return err
	}
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	// Windows has no such modes; its folders inherit the user profile's access list.
	if runtime.GOOS == "windows" || info.Mode().Perm() == dirMode {
		return nil
	}
	klog.V(1).Infof("token cache: narrowing the mode of %s from %#o to %#o", dir, info.Mode().Perm(), dirMode)
	return os.Chmod(dir, dirMode)
}

func (s *Store) path(id, suffix string) string {
	return filepath.Join(s.Dir, id+suffix)
}

// read returns the entry under id, or nil when there is none or it cannot be used (then it is
// ignored, and replaced by the next write).
func (s *Store) read(id string) *entry {
	data, err := os.ReadFile(s.path(id, entrySuffix))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		klog.V(4).Infof("token cache: ignoring unreadable entry %s: %v", short(id), err)
		return nil
	}
	e, err := decodeEntry(data, id)
	if err != nil {
		klog.V(4).Infof("token cache: ignoring entry %s: %v", short(id), err)
		return nil
	}
	return e
}

func (s *Store) write(id string, e *entry) error {
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return writeAtomic(s.path(id, entrySuffix), data)
}

// writeAtomic replaces path so that a reader sees the old content or the new, never part of
// it: a temporary file in the same folder (rename is atomic only within one file system) is
// written, synced, then renamed over path.
func writeAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*"+tempSuffix)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(fileMode); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// remove drops the entry under id; one already gone is fine.
func (s *Store) remove(id string) {
	err := os.Remove(s.path(id, entrySuffix))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		klog.V(1).Infof("token cache: cannot drop entry %s: %v", short(id), err)
	}
}
