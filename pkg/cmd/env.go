package cmd

import "github.com/spf13/pflag"

// Getenv reads an environment variable; injected so tests never touch the process environment.
type Getenv func(key string) string

// stringFromEnv returns the flag's value when the user set it, else the env var when set, else the default.
// This is the argo CLI's precedence: flag > ARGO_* env var > default; the kube context's settings,
// when the caller applies them (kubecontext.go), go between the env var and the default.
func stringFromEnv(fs *pflag.FlagSet, flag, env string, getenv Getenv, value string) string {
	if fs.Changed(flag) {
		return value
	}
	if v := getenv(env); v != "" {
		return v
	}
	return value
}

// boolFromEnv applies an env var with the argo CLI's exact semantics: envIsTrue decides from the raw
// value (ARGO_SECURE is false only when exactly "false"; ARGO_INSECURE_SKIP_VERIFY true only when "true").
func boolFromEnv(fs *pflag.FlagSet, flag, env string, getenv Getenv, value bool, envIsTrue func(string) bool) bool {
	if fs.Changed(flag) {
		return value
	}
	if v := getenv(env); v != "" {
		return envIsTrue(v)
	}
	return value
}
