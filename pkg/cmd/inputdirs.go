package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/workflow"
)

// expandDirectories replaces each directory among paths by its workflow files in lexical order:
// its top level only, or every folder below it with recursive (kubectl's -R). Files and standard
// input stay as they are, in place.
func expandDirectories(paths []string, recursive bool) ([]string, error) {
	var (
		files []string
		errs  []error
	)
	for _, path := range paths {
		info, err := os.Stat(path)
		if path == stdinName || err != nil || !info.IsDir() {
			files = append(files, path) // reading reports a missing file
			continue
		}
		found, err := directoryFiles(path, recursive)
		if err != nil {
			errs = append(errs, &workflow.InputError{Source: path, Err: err})
			continue
		}
		files = append(files, found...)
	}
	return files, errors.Join(errs...)
}

// directoryFiles lists dir's workflow files; a directory without any is an error, as it is for kubectl.
func directoryFiles(dir string, recursive bool) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case entry.IsDir() && path != dir && !recursive:
			return fs.SkipDir
		case !entry.IsDir() && hasWorkflowExtension(path):
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot read the directory: %w", err)
	}
	if len(files) == 0 {
		return nil, noFilesError(recursive)
	}
	return files, nil // WalkDir visits in lexical order
}

func noFilesError(recursive bool) error {
	if recursive {
		return errors.New("the directory holds no .yaml, .yml or .json file")
	}
	return errors.New("the directory holds no .yaml, .yml or .json file at its top level (use -R to read the folders below it)")
}

// hasWorkflowExtension: the files a directory contributes, as kubectl's -f reads them.
func hasWorkflowExtension(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}
