package cmd

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericiooptions"
	"sigs.k8s.io/yaml"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/contextconfig"
)

func newConfigViewCommand(kube *kubeAccess, streams genericiooptions.IOStreams) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "view [--context NAME] [-o yaml|json]",
		Short: "Print the argo-submit settings of a kube context",
		Long: `Print the argo-submit settings stored for a kube context (--context, else the current one): only
those, never the kubeconfig's credentials, and no token, as none is stored. {} when there are none.`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return viewContextSettings(kube, streams.Out, output) },
	}
	cmd.Flags().StringVarP(&output, "output", "o", "yaml", "Output format: yaml or json")
	mustRegister(cmd, "output", fixedValues("yaml", "json"))
	return cmd
}

func viewContextSettings(kube *kubeAccess, out io.Writer, output string) error {
	if output != "yaml" && output != "json" {
		return usageErrorf("invalid -o %q for config view: use yaml or json", output)
	}
	context, err := kube.requiredContext()
	if err != nil {
		return err
	}
	// Only the decoded settings are printed: a field unknown to this version could hold anything.
	settings, err := contextconfig.Load(kube.configFlags.ToRawKubeConfigLoader(), context)
	if err != nil {
		return contextError(err)
	}
	data, err := json.MarshalIndent(settings, "", "  ")
	if err != nil {
		return err
	}
	if output == "json" {
		_, err = fmt.Fprintf(out, "%s\n", data)
		return err
	}
	if data, err = yaml.JSONToYAML(data); err != nil {
		return err
	}
	_, err = out.Write(data)
	return err
}
