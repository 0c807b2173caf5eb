package cmd

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"
	"sigs.k8s.io/yaml"
)

// BuildInfo is stamped at build time by main's -ldflags (see the Makefile).
type BuildInfo struct {
	Version string `json:"version"`
	Commit  string `json:"commit"`
	Date    string `json:"date"`
}

// complete fills what -ldflags did not set from the module build info (go install …@vX.Y.Z).
func (b BuildInfo) complete() BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if b.Version == "" && ok && info.Main.Version != "" {
		b.Version = info.Main.Version
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	return b
}

func (b BuildInfo) userAgent() string {
	return fmt.Sprintf("kubectl-argo_submit/%s (%s/%s)", b.complete().Version, runtime.GOOS, runtime.GOARCH)
}

type versionOutput struct {
	BuildInfo `json:",inline"`
	GoVersion string `json:"goVersion"`
	Platform  string `json:"platform"`
}

func newVersionCommand(build BuildInfo, streams genericiooptions.IOStreams) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the plugin's version (no network call)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			v := versionOutput{BuildInfo: build.complete(), GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
			return printVersion(streams, v, output)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "Output format: json or yaml (default: one line)")
	return cmd
}

func printVersion(streams genericiooptions.IOStreams, v versionOutput, output string) error {
	switch output {
	case "":
		_, err := fmt.Fprintf(streams.Out, "kubectl-argo_submit %s (commit %s, built %s, %s %s)\n",
			v.Version, orNone(v.Commit, "unknown"), orNone(v.Date, "unknown"), v.GoVersion, v.Platform)
		return err
	case "json":
		data, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(streams.Out, string(data))
		return err
	case "yaml":
		data, err := yaml.Marshal(v)
		if err != nil {
			return err
		}
		_, err = streams.Out.Write(data)
		return err
	}
	return usageErrorf("invalid --output %q for version: use json or yaml", output)
}
