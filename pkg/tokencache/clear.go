package tokencache

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Clear removes every entry, lock and left-over temporary file, and returns how many tokens
// were removed. A missing folder holds none. A run minting meanwhile keeps its lock (removing
// the file does not release it); at worst a run started then mints a token of its own.
func (s *Store) Clear() (int, error) {
	files, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	removed := 0
	var errs []error
	for _, f := range files {
		name := f.Name()
		if f.IsDir() || !ownFile(name) {
			continue
		}
		if err := os.Remove(filepath.Join(s.Dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		if strings.HasSuffix(name, entrySuffix) {
			removed++
		}
	}
	return removed, errors.Join(errs...)
}

// ownFile recognises the files the Store writes, so that nothing else put there is removed.
func ownFile(name string) bool {
	for _, suffix := range []string{entrySuffix, lockSuffix, tempSuffix} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
