package cmd

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/pflag"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

// versionTimeout bounds the server's version call unless --request-timeout says otherwise: the
// answer is informational, and nothing is lost by giving up.
const versionTimeout = 10 * time.Second

// versionOptions is `kubectl argo-submit version`, with its own --argo-* flags and the root's
// kubeconfig and token flags.
type versionOptions struct {
	kube      *kubeAccess
	argoFlags *ArgoFlags
	build     BuildInfo
	output    string
	genericiooptions.IOStreams
}

// run prints the plugin's version and, only when an Argo Server is configured (--argo-server,
// ARGO_SERVER or the kube context's settings), the server's; a server that cannot be asked still
// leaves the plugin's version printed, and its error decides the exit code.
func (o *versionOptions) run(ctx context.Context, fs *pflag.FlagSet) error {
	if err := checkVersionOutput(o.output); err != nil {
		return err
	}
	v := o.build.versionOutput()
	server, err := o.server(fs)
	if err != nil {
		// A kubeconfig that cannot be read must not hide the plugin's own version, which needs none.
		v.ServerError = err.Error()
		return errors.Join(printVersion(o.IOStreams, v, o.output), err)
	}
	if server == "" {
		return printVersion(o.IOStreams, v, o.output)
	}
	client, creds, err := o.argoClient(fs)
	if err != nil {
		return err
	}
	serverErr := askServerVersion(ctx, client, creds, &v)
	return errors.Join(printVersion(o.IOStreams, v, o.output), serverErr)
}

// server is the Argo Server to ask: --argo-server or ARGO_SERVER, else the kube context's; "" for none.
func (o *versionOptions) server(fs *pflag.FlagSet) (string, error) {
	if o.argoFlags.serverGiven(fs, o.kube.getenv) {
		return stringFromEnv(fs, "argo-server", "ARGO_SERVER", o.kube.getenv, o.argoFlags.Server), nil
	}
	settings, err := o.kube.contextSettings()
	return settings.ArgoServer, err
}

// argoClient checks the Argo and token settings, before any call is made.
func (o *versionOptions) argoClient(fs *pflag.FlagSet) (*argo.Client, *optionalCredentials, error) {
	cfg, err := o.kube.contextArgoConfig(o.argoFlags, fs)
	if err != nil {
		return nil, nil, err
	}
	if !fs.Changed("request-timeout") {
		cfg.Timeout = versionTimeout
	}
	settings, err := o.tokenSettings(fs)
	if err != nil {
		return nil, nil, err
	}
	creds := &optionalCredentials{creds: o.kube.credentials(settings)}
	client, err := argo.NewClient(cfg, creds)
	return client, creds, err
}

// tokenSettings are the token flags as `token` reads them. A namespace that cannot be read is left
// out: the token then fails to resolve, and the server is asked without one.
func (o *versionOptions) tokenSettings(fs *pflag.FlagSet) (token.Settings, error) {
	settings, err := o.kube.tokenFlags.ToSettings(fs, o.kube.getenv, "")
	if err != nil {
		return token.Settings{}, err
	}
	_ = o.kube.defaultTokenNamespace(&settings)
	return settings, settings.Validate()
}

func askServerVersion(ctx context.Context, client *argo.Client, creds *optionalCredentials, v *versionOutput) error {
	info, err := client.Version(ctx)
	if err != nil {
		err = explainMissingToken(err, creds.err)
		v.ServerError = err.Error()
		return err
	}
	v.Server = &serverVersion{URL: client.BaseURL(), VersionInfo: *info}
	return nil
}

// explainMissingToken adds to a 401 that no token was sent and why, which the refusal alone hides.
func explainMissingToken(err, tokenErr error) error {
	var refused *argo.APIError
	if tokenErr == nil || !errors.As(err, &refused) || !refused.Unauthorized() {
		return err
	}
	return fmt.Errorf("%w; no token was sent, as none could be resolved: %v", err, tokenErr)
}

// optionalCredentials send the resolved token, or no Authorization header when none can be
// resolved: a server in server auth mode needs none, and otherwise its refusal is the answer to
// report. It does not renew on a 401, so a refused version call is sent once.
type optionalCredentials struct {
	creds *token.Credentials
	err   error // why no token was sent
}

func (c *optionalCredentials) Authorization(ctx context.Context) (string, error) {
	value, err := c.creds.Authorization(ctx)
	if err != nil {
		c.err = err
		return "", nil
	}
	return value, nil
}
