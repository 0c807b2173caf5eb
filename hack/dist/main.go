// Command dist builds the release archives of kubectl-argo_submit and their checksums.txt:
//
//	go run ./hack/dist -version v0.1.0 [-platforms linux/amd64,…] [-out dist]
//
// (`make dist VERSION=v0.1.0`). The archives are reproducible: two runs for the same commit and
// version give identical bytes, so anyone can check a release against the source.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
)

func main() {
	version := flag.String("version", "", "the release version, vMAJOR.MINOR.PATCH[-pre] (required)")
	platforms := flag.String("platforms", defaultPlatforms, "comma-separated os/arch list to build")
	out := flag.String("out", "dist", "folder for the archives and checksums.txt")
	flag.Parse()
	if err := mainErr(*version, *platforms, *out); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

func mainErr(version, platforms, out string) error {
	if flag.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: everything is a flag (see -h)", flag.Args())
	}
	opts, err := newOptions(version, platforms, out)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return run(ctx, opts, os.Stderr)
}
