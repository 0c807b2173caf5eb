package cmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/contextconfig"
)

const configSetHelp = `Set the argo-submit settings of a kube context (--context, else the current one); only the flags
given change, and every value is checked before anything is written. The flags are the submission's flags
of the same names: --argo-server, --argo-secure, --argo-base-href, --argo-ca-file and
--argo-insecure-skip-verify below, and
the global --token-source, --token-service-account, --token-namespace, --token-secret, --token-duration and
--token-audience; and --default-namespace, the namespace workflows go to in this context unless -n or
ARGO_NAMESPACE says otherwise (it comes before the context's own namespace).

--argo-base-href, --argo-ca-file and --argo-insecure-skip-verify describe the context's --argo-server: they
apply only with it, not to a server given by --argo-server or ARGO_SERVER at submission. A CA file is
stored as an absolute path. No token is stored (--argo-token is refused); 'config unset' removes a setting.`

const configSetExamples = `  kubectl argo-submit config set --argo-server argo.example.com:2746 --token-service-account ci
  kubectl argo-submit config set --context prod --argo-server https://argo.prod.example.com/argo --argo-ca-file ca.pem
  kubectl argo-submit config set --default-namespace workflows --token-duration 2h`

// configSetOptions are `config set`'s own flags; the token flags are the root's persistent ones.
type configSetOptions struct {
	kube                                *kubeAccess
	server, baseHref, caFile, namespace string
	insecure, secure                    bool
	genericiooptions.IOStreams
}

func newConfigSetCommand(kube *kubeAccess, streams genericiooptions.IOStreams, c *completer) *cobra.Command {
	o := &configSetOptions{kube: kube, IOStreams: streams}
	cmd := &cobra.Command{
		Use:     "set [--context NAME] [flags]",
		Short:   "Set the Argo Server, token and namespace settings of a kube context",
		Long:    configSetHelp,
		Example: configSetExamples,
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return o.run(cmd.Flags()) },
	}
	fs := cmd.Flags()
	fs.StringVar(&o.server, "argo-server", "", "The context's Argo Server: host:port, or a full https:// or http:// URL")
	fs.StringVar(&o.baseHref, "argo-base-href", "", "Path prefix of the context's Argo Server behind a proxy, e.g. /argo/")
	fs.StringVar(&o.caFile, "argo-ca-file", "", "PEM file of the certificate authorities of the context's Argo Server (stored as an absolute path)")
	fs.BoolVar(&o.insecure, "argo-insecure-skip-verify", false, "Do not verify the TLS certificate of the context's Argo Server: insecure")
	fs.BoolVar(&o.secure, "argo-secure", true, "Use TLS for a host:port Argo Server; false stores it as an http:// URL (plain HTTP)")
	fs.StringVar(&o.namespace, "default-namespace", "", "Namespace workflows go to in this context unless -n or ARGO_NAMESPACE gives one")
	mustRegister(cmd, "default-namespace", c.namespaces)
	return cmd
}

func (o *configSetOptions) run(fs *pflag.FlagSet) error {
	if err := o.checkFlags(fs); err != nil {
		return err
	}
	context, err := o.kube.requiredContext()
	if err != nil {
		return err
	}
	err = contextconfig.Save(o.kube.configFlags.ToRawKubeConfigLoader(), context, func(s *contextconfig.Settings) error {
		return o.apply(fs, s)
	})
	if err != nil {
		return contextError(err)
	}
	_, err = fmt.Fprintf(o.Out, "argo-submit settings of context %q updated\n", context)
	return err
}

// apply changes the settings whose flags were given, then checks the server settings together.
func (o *configSetOptions) apply(fs *pflag.FlagSet, s *contextconfig.Settings) error {
	var errs []error
	for _, setting := range o.settings(s) {
		if fs.Changed(setting.flag) {
			errs = append(errs, setting.set())
		}
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// Only when they change: a stored CA file gone missing must not block setting something else.
	for _, flag := range []string{"argo-server", "argo-secure", "argo-base-href", "argo-ca-file", "argo-insecure-skip-verify"} {
		if fs.Changed(flag) {
			return checkServerSettings(*s)
		}
	}
	return nil
}

// flagSetting is one flag of `config set` and how it writes its setting.
type flagSetting struct {
	flag string
	set  func() error
}

// settings lists every settable flag, in help order, with how it writes s (nil when only the names
// are wanted); the token flags' values are the root's persistent flags'.
func (o *configSetOptions) settings(s *contextconfig.Settings) []flagSetting {
	t := o.kube.tokenFlags
	return []flagSetting{
		{"argo-server", func() error { s.ArgoServer = o.server; return nonEmpty("argo-server", o.server) }},
		{"argo-base-href", func() error { s.ArgoBaseHref = o.baseHref; return nonEmpty("argo-base-href", o.baseHref) }},
		{"argo-secure", func() (err error) { s.ArgoServer, err = secureServer(s.ArgoServer, o.secure); return err }},
		{"argo-ca-file", func() (err error) { s.ArgoCAFile, err = absolutePath("argo-ca-file", o.caFile); return err }},
		{"argo-insecure-skip-verify", func() error { s.ArgoInsecureSkipVerify = &o.insecure; return nil }},
		{"token-source", func() error { s.TokenSource = t.Source; return checkTokenSource(t.Source) }},
		{"token-service-account", func() error {
			s.TokenServiceAccount = t.ServiceAccount
			return checkSubdomain("token-service-account", t.ServiceAccount)
		}},
		{"token-namespace", func() error { s.TokenNamespace = t.Namespace; return checkLabel("token-namespace", t.Namespace) }},
		{"token-secret", func() error { s.TokenSecret = t.SecretName; return checkSubdomain("token-secret", t.SecretName) }},
		{"token-duration", func() error {
			s.TokenDuration = &metav1.Duration{Duration: t.Duration}
			return checkTokenDuration(t.Duration)
		}},
		{"token-audience", func() error { s.TokenAudiences = t.Audiences; return checkAudiences(t.Audiences) }},
		{"default-namespace", func() error { s.Namespace = o.namespace; return checkLabel("default-namespace", o.namespace) }},
	}
}

// checkFlags refuses, before the kubeconfig is read, what `config set` cannot store.
func (o *configSetOptions) checkFlags(fs *pflag.FlagSet) error {
	switch {
	case fs.Changed("argo-token"):
		return usageErrorf("config set stores no token: give it at each use with ARGO_TOKEN, or store where one comes from (--token-service-account, --token-secret, --token-source)")
	case fs.Changed("namespace"):
		return usageErrorf("-n/--namespace is the kube namespace of this command, not a setting: the context's default namespace is set with --default-namespace")
	}
	var names []string
	for _, setting := range o.settings(nil) {
		if fs.Changed(setting.flag) {
			return nil
		}
		names = append(names, setting.flag)
	}
	return usageErrorf("nothing to set: give one or more of --%s", strings.Join(names, ", --"))
}
