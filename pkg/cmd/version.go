package cmd

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"
	"sigs.k8s.io/yaml"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
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

// versionOutput is what -o json|yaml prints: the plugin's build, and with --argo-server either the
// server's version or why it could not be had.
type versionOutput struct {
	BuildInfo   `json:",inline"`
	GoVersion   string         `json:"goVersion"`
	Platform    string         `json:"platform"`
	Server      *serverVersion `json:"server,omitempty"`
	ServerError string         `json:"serverError,omitempty"`
}

// serverVersion is the Argo Server's answer and the address it came from.
type serverVersion struct {
	URL              string `json:"url"`
	argo.VersionInfo `json:",inline"`
}

const versionHelp = `Print the plugin's version, commit, build date, Go version and platform. Without an Argo Server
(--argo-server, ARGO_SERVER or the kube context's, see 'config set') this makes no network call. With one it
also asks it for its version (GET /api/v1/version), reached as a submission would reach it (the other
--argo-* flags and ARGO_* variables), with the token resolved as for a submission, or with none when none
can be resolved. When the server cannot be asked, the plugin's version is still printed and the exit code
says why.`

func newVersionCommand(kube *kubeAccess, build BuildInfo, streams genericiooptions.IOStreams) *cobra.Command {
	o := &versionOptions{kube: kube, argoFlags: NewArgoFlags(), build: build, IOStreams: streams}
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the plugin's version, and with --argo-server the Argo Server's",
		Long:    versionHelp,
		Example: "  kubectl argo-submit version\n  kubectl argo-submit version --argo-server argo.example.com:2746 -o yaml",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.run(cmd.Context(), cmd.Flags())
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "Output format: json or yaml (default: one line each)")
	o.argoFlags.AddFlags(cmd.Flags())
	cmd.Flags().Lookup("argo-server").Usage = "Also ask this Argo Server for its version: host:port or a full https:// or http:// URL (env ARGO_SERVER)"
	mustRegister(cmd, "output", fixedValues("json", "yaml"))
	return cmd
}

func (b BuildInfo) versionOutput() versionOutput {
	return versionOutput{BuildInfo: b.complete(), GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
}

func checkVersionOutput(output string) error {
	switch output {
	case "", "json", "yaml":
		return nil
	}
	return usageErrorf("invalid --output %q for version: use json or yaml", output)
}

func printVersion(streams genericiooptions.IOStreams, v versionOutput, output string) error {
	switch output {
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
	return printVersionLines(streams, v)
}

func printVersionLines(streams genericiooptions.IOStreams, v versionOutput) error {
	_, err := fmt.Fprintf(streams.Out, "kubectl-argo_submit %s (commit %s, built %s, %s %s)\n",
		v.Version, orNone(v.Commit, "unknown"), orNone(v.Date, "unknown"), v.GoVersion, v.Platform)
	if err != nil || v.Server == nil {
		return err
	}
	_, err = fmt.Fprintf(streams.Out, "Argo Server %s: %s (%s)\n",
		v.Server.URL, orNone(v.Server.Version, "unknown version"), orNone(v.Server.Platform, "unknown platform"))
	return err
}
