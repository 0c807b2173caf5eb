package cmd

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/contextconfig"
)

// The kube context's argo-submit settings (pkg/contextconfig) are the level below the flags and the
// ARGO_* variables: flags > ARGO_* > context extension > defaults. They are read only when the flags
// and variables leave something to them, so that a token, a server and a namespace given on the
// command line or in the environment still need no kubeconfig at all.

// contextName is the kube context the command uses: --context, else the current one; "" when none.
func (k *kubeAccess) contextName() string {
	if name := *k.configFlags.Context; name != "" {
		return name
	}
	config, err := k.configFlags.ToRawKubeConfigLoader().RawConfig()
	if err != nil {
		return ""
	}
	return config.CurrentContext
}

// requiredContext is the context the config subcommands act on, which must exist.
func (k *kubeAccess) requiredContext() (string, error) {
	name, err := contextconfig.Resolve(k.configFlags.ToRawKubeConfigLoader(), *k.configFlags.Context)
	return name, readError(err)
}

// contextSettings reads the argo-submit extension of the kube context. An explicit --kubeconfig that
// does not exist holds no settings: what needs the kubeconfig itself reports its absence in its own words.
func (k *kubeAccess) contextSettings() (contextconfig.Settings, error) {
	settings, err := contextconfig.Load(k.configFlags.ToRawKubeConfigLoader(), *k.configFlags.Context)
	if errors.Is(err, os.ErrNotExist) {
		return contextconfig.Settings{}, nil
	}
	return settings, readError(err)
}

// readError makes a failure to read the context's settings a usage error (exit 2): a file or a flag
// needs fixing.
func readError(err error) error {
	if err == nil || isContextError(err) {
		return contextError(err)
	}
	return usageErrorf("cannot read the kubeconfig for the kube context's argo-submit settings (%v): fix it, "+
		"or give the Argo Server, namespace and token with flags or ARGO_* variables", err)
}

// contextError marks a missing context or a malformed extension as a usage error; others pass as they are.
func contextError(err error) error {
	if isContextError(err) {
		return &UsageError{Err: err}
	}
	return err
}

func isContextError(err error) bool {
	var notFound *contextconfig.ContextNotFoundError
	var malformed *contextconfig.MalformedError
	return errors.As(err, &notFound) || errors.As(err, &malformed)
}

// contextNamespace is the context's default submission namespace, when neither -n nor ARGO_NAMESPACE
// gives one (then it is "", and the kubeconfig is not read).
func (k *kubeAccess) contextNamespace() (string, error) {
	if *k.configFlags.Namespace != "" || k.getenv("ARGO_NAMESPACE") != "" {
		return "", nil
	}
	settings, err := k.contextSettings()
	return settings.Namespace, err
}

// submissionNamespace is -n, then ARGO_NAMESPACE, then the context's argo-submit default, then the
// context's own namespace, then "default". The argo-submit default is not explicit: like the
// context's namespace, it yields to a namespace the workflow names itself.
func (k *kubeAccess) submissionNamespace() (ns string, explicit bool, err error) {
	ns, err = k.contextNamespace()
	if err != nil || ns != "" {
		return ns, false, err
	}
	return k.namespace()
}

// contextArgoConfig is argoConfig with the context's Argo Server below the flags and environment.
func (k *kubeAccess) contextArgoConfig(flags *ArgoFlags, fs *pflag.FlagSet) (argo.Config, error) {
	cfg, err := k.argoConfig(flags, fs)
	if err != nil {
		return argo.Config{}, err
	}
	return cfg, k.withContextServer(&cfg, flags, fs)
}

// withContextServer takes the Argo Server from the context when neither --argo-server nor ARGO_SERVER names one.
func (k *kubeAccess) withContextServer(cfg *argo.Config, flags *ArgoFlags, fs *pflag.FlagSet) error {
	if flags.serverGiven(fs, k.getenv) {
		return nil
	}
	settings, err := k.contextSettings()
	if err != nil {
		return err
	}
	flags.applyContext(cfg, fs, k.getenv, settings)
	return nil
}

// noServerError names every way to give an Argo Server, including storing one for this context.
func (k *kubeAccess) noServerError() error {
	where, context := "a kube context", "NAME"
	if name := k.contextName(); name != "" {
		where, context = fmt.Sprintf("kube context %q", name), shellQuote(name)
	}
	return usageErrorf("no Argo Server given: pass --argo-server HOST:PORT (or an https:// URL), set ARGO_SERVER, "+
		"or store one for %s: kubectl argo-submit config set --argo-server HOST:PORT --context %s", where, context)
}
