package cmd

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/contextconfig"
)

const useEnvHelp = `Print shell commands that set the ARGO_* variables of a kube context (--context, else the current one),
for tools that read only those, such as the argo CLI: ARGO_SERVER (host:port), ARGO_BASE_HREF, ARGO_SECURE,
ARGO_INSECURE_SKIP_VERIFY, ARGO_NAMESPACE and ARGO_TOKEN. Variables the context does not need are unset, so
that running it again after switching contexts leaves nothing of the previous one.

The values are the context's settings; ARGO_* variables already in the environment are ignored, as they may
be the previous context's. The token is resolved as 'token' resolves it (the token flags apply), and
printed: this command's job, like 'token', is to hand it over. The namespace is -n, else the context's
argo-submit default, else the context's own.`

func newConfigUseEnvCommand(kube *kubeAccess, streams genericiooptions.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:     "use-env [--context NAME]",
		Short:   "Print the ARGO_* variables of a kube context, token included, for eval in a shell",
		Long:    useEnvHelp,
		Example: `  eval "$(kubectl argo-submit config use-env)"` + "\n" + `  eval "$(kubectl argo-submit config use-env --context prod)" && argo list`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return useEnv(cmd.Context(), kube, streams, cmd.Flags())
		},
	}
}

// useEnv prints nothing unless every variable, token included, could be had: a half-applied eval
// would mix two contexts.
func useEnv(ctx context.Context, kube *kubeAccess, streams genericiooptions.IOStreams, fs *pflag.FlagSet) error {
	name, err := kube.requiredContext()
	if err != nil {
		return err
	}
	settings, err := kube.contextSettings()
	if err != nil {
		return err
	}
	lines, err := serverVariables(name, settings)
	if err != nil {
		return err
	}
	namespace, err := useEnvNamespace(kube, settings)
	if err != nil {
		return err
	}
	tokenSettings, err := kube.tokenFlags.ToSettings(fs, withoutArgoVariables(kube.getenv), namespace)
	if err != nil {
		return err
	}
	tok, err := kube.resolveToken(ctx, tokenSettings)
	if err != nil {
		return err
	}
	lines = append(lines, exportLine("ARGO_NAMESPACE", namespace), exportLine("ARGO_TOKEN", tok.Authorization()))
	if settings.ArgoCAFile != "" {
		fmt.Fprintf(streams.ErrOut, "warning: the argoCAFile of context %q has no ARGO_* variable: tools that read only the environment verify the Argo Server against the system's roots\n", name)
	}
	_, err = fmt.Fprint(streams.Out, strings.Join(lines, "\n")+"\n")
	return err
}

// serverVariables turns the context's server into the argo CLI's form: ARGO_SERVER is host:port, the
// scheme goes to ARGO_SECURE and a URL's path to ARGO_BASE_HREF.
func serverVariables(name string, s contextconfig.Settings) ([]string, error) {
	if s.ArgoServer == "" {
		return nil, usageErrorf("context %q has no Argo Server: set one with kubectl argo-submit config set --argo-server HOST:PORT --context %s", name, shellQuote(name))
	}
	client, err := argo.NewClient(argo.Config{Server: s.ArgoServer, BaseHref: s.ArgoBaseHref, Secure: true, CAFile: s.ArgoCAFile, InsecureSkipVerify: s.InsecureSkipVerify()}, nil)
	if err != nil {
		return nil, err
	}
	base, err := url.Parse(client.BaseURL())
	if err != nil {
		return nil, err
	}
	host := base.Host
	if base.Port() == "" {
		host = net.JoinHostPort(base.Hostname(), map[string]string{"http": "80", "https": "443"}[base.Scheme])
	}
	return []string{
		exportLine("ARGO_SERVER", host),
		exportOrUnset("ARGO_BASE_HREF", base.Path, base.Path != ""),
		exportOrUnset("ARGO_SECURE", "false", base.Scheme == "http"),
		exportOrUnset("ARGO_INSECURE_SKIP_VERIFY", "true", s.InsecureSkipVerify()),
	}, nil
}

// useEnvNamespace is -n, else the context's argo-submit default, else the context's own namespace.
func useEnvNamespace(kube *kubeAccess, s contextconfig.Settings) (string, error) {
	if ns := *kube.configFlags.Namespace; ns != "" {
		return ns, nil
	}
	if s.Namespace != "" {
		return s.Namespace, nil
	}
	ns, _, err := kube.configFlags.ToRawKubeConfigLoader().Namespace()
	if err != nil {
		return "", usageErrorf("cannot read the namespace from the kubeconfig: %v; pass -n/--namespace", err)
	}
	return ns, nil
}

// withoutArgoVariables hides the ARGO_* variables: in a shell that ran use-env before, they are the
// previous context's.
func withoutArgoVariables(getenv Getenv) Getenv {
	return func(key string) string {
		if strings.HasPrefix(key, "ARGO_") {
			return ""
		}
		return getenv(key)
	}
}

func exportLine(key, value string) string { return "export " + key + "=" + shellQuote(value) }

func exportOrUnset(key, value string, set bool) string {
	if set {
		return exportLine(key, value)
	}
	return "unset " + key
}

// shellQuote quotes a value for POSIX shells: as it is when every character is safe, else in single
// quotes, inside which only a single quote needs care.
func shellQuote(value string) string {
	safe := func(r rune) bool {
		return r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@%+=:,./_-", r))
	}
	if value != "" && strings.IndexFunc(value, func(r rune) bool { return !safe(r) }) < 0 {
		return value
	}
	return "'" + strings.ReplaceAll(value, "'", `'"'"'`) + "'"
}
