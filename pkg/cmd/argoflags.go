package cmd

import (
	"github.com/spf13/pflag"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/contextconfig"
)

// ArgoFlags are the --argo-* flags that say how to reach the Argo Server.
type ArgoFlags struct {
	Server             string
	BaseHref           string
	CAFile             string
	InsecureSkipVerify bool
	Secure             bool
	Headers            []string
}

// NewArgoFlags returns the defaults: TLS on and verified.
func NewArgoFlags() *ArgoFlags {
	return &ArgoFlags{Secure: true}
}

// AddFlags binds the flags to fs.
func (f *ArgoFlags) AddFlags(fs *pflag.FlagSet) {
	fs.StringVar(&f.Server, "argo-server", f.Server, "Argo Server address: host:port as the argo CLI takes it, or a full https:// or http:// URL (env ARGO_SERVER)")
	fs.StringVar(&f.BaseHref, "argo-base-href", f.BaseHref, "Path prefix of the Argo Server behind a proxy, e.g. /argo/ (env ARGO_BASE_HREF)")
	fs.StringVar(&f.CAFile, "argo-ca-file", f.CAFile, "PEM file of the certificate authorities that sign the Argo Server's certificate (replaces the system roots)")
	fs.BoolVar(&f.InsecureSkipVerify, "argo-insecure-skip-verify", f.InsecureSkipVerify, "Do not verify the Argo Server's TLS certificate: insecure (env ARGO_INSECURE_SKIP_VERIFY=true)")
	fs.BoolVar(&f.Secure, "argo-secure", f.Secure, "Use TLS for a host:port Argo Server; false means plain HTTP (env ARGO_SECURE=false)")
	fs.StringArrayVar(&f.Headers, "argo-header", f.Headers, "Extra HTTP header 'Key: Value' sent to the Argo Server (repeatable)")
}

// ToConfig merges the flags with the ARGO_* environment (flag > env > default); the kube context's
// settings go between env and default (applyContext).
func (f *ArgoFlags) ToConfig(fs *pflag.FlagSet, getenv Getenv) argo.Config {
	return argo.Config{
		Server:             stringFromEnv(fs, "argo-server", "ARGO_SERVER", getenv, f.Server),
		BaseHref:           stringFromEnv(fs, "argo-base-href", "ARGO_BASE_HREF", getenv, f.BaseHref),
		CAFile:             f.CAFile,
		InsecureSkipVerify: boolFromEnv(fs, "argo-insecure-skip-verify", "ARGO_INSECURE_SKIP_VERIFY", getenv, f.InsecureSkipVerify, isExactly("true")),
		Secure:             boolFromEnv(fs, "argo-secure", "ARGO_SECURE", getenv, f.Secure, isNot("false")),
		Headers:            f.Headers,
	}
}

// serverGiven says whether --argo-server or ARGO_SERVER names the Argo Server; then the kube context's
// server settings are not even read.
func (f *ArgoFlags) serverGiven(fs *pflag.FlagSet, getenv Getenv) bool {
	return fs.Changed("argo-server") || getenv("ARGO_SERVER") != ""
}

// applyContext puts the kube context's Argo Server under the flags and environment, for a cfg whose
// server neither gives. The context's base href and TLS settings describe its server, so they come only
// with it, each unless a flag or variable says otherwise; the CA file and skipping verification are one
// choice, which a command line that makes either takes whole (else the two could conflict).
func (f *ArgoFlags) applyContext(cfg *argo.Config, fs *pflag.FlagSet, getenv Getenv, s contextconfig.Settings) {
	if s.ArgoServer == "" {
		return
	}
	cfg.Server = s.ArgoServer
	if s.ArgoBaseHref != "" && !fs.Changed("argo-base-href") && getenv("ARGO_BASE_HREF") == "" {
		cfg.BaseHref = s.ArgoBaseHref
	}
	tlsGiven := fs.Changed("argo-ca-file") || fs.Changed("argo-insecure-skip-verify") || getenv("ARGO_INSECURE_SKIP_VERIFY") != ""
	if !tlsGiven {
		cfg.CAFile = s.ArgoCAFile
		cfg.InsecureSkipVerify = s.InsecureSkipVerify()
	}
}

func isExactly(want string) func(string) bool { return func(v string) bool { return v == want } }
func isNot(want string) func(string) bool     { return func(v string) bool { return v != want } }
