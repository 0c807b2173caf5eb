package main

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"time"
)

// entry is one file of an archive. Its mode is fixed here, not read from the checkout, so that a
// umask or a Windows clone cannot change the archive.
type entry struct {
	name string
	src  string
	mode int64
}

// entries lists an archive's files in their fixed order. Windows gets no completion helper: kubectl
// looks plugin completion up as a script, which Windows cannot run.
func entries(root, bin string, p platform) []entry {
	list := []entry{{name: p.executable(), src: bin, mode: 0o755}}
	if !p.windows() {
		list = append(list, entry{name: "kubectl_complete-argo_submit", src: filepath.Join(root, "hack", "completion", "kubectl_complete-argo_submit"), mode: 0o755})
	}
	return append(list,
		entry{name: "LICENSE", src: filepath.Join(root, "LICENSE"), mode: 0o644},
		entry{name: "README.md", src: filepath.Join(root, "README.md"), mode: 0o644})
}

// writeArchive writes path as a zip for Windows, where that is what users can open, else a tar.gz.
func writeArchive(path string, files []entry, mtime time.Time, zipped bool) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	if zipped {
		return writeZip(f, files, mtime)
	}
	return writeTarGz(f, files, mtime)
}

// writeTarGz leaves the gzip header's name and time empty and gives every entry the same owner (root,
// unnamed) and time, so the bytes depend only on the files.
func writeTarGz(w io.Writer, files []entry, mtime time.Time) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, e := range files {
		if err := addTar(tw, e, mtime); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func addTar(tw *tar.Writer, e entry, mtime time.Time) error {
	f, size, err := open(e.src)
	if err != nil {
		return err
	}
	defer f.Close()
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: e.name, Mode: e.mode, Size: size, ModTime: mtime, Format: tar.FormatUSTAR}
	if err := tw.WriteHeader(hdr); err != nil {
		return err
	}
	_, err = io.Copy(tw, f)
	return err
}

func writeZip(w io.Writer, files []entry, mtime time.Time) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestCompression)
	})
	for _, e := range files {
		if err := addZip(zw, e, mtime); err != nil {
			return err
		}
	}
	return zw.Close()
}

func addZip(zw *zip.Writer, e entry, mtime time.Time) error {
	f, _, err := open(e.src)
	if err != nil {
		return err
	}
	defer f.Close()
	hdr := &zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: mtime}
	hdr.SetMode(os.FileMode(e.mode))
	w, err := zw.CreateHeader(hdr)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}

func open(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, info.Size(), nil
}
