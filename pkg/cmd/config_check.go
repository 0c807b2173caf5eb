package cmd

import (
	"path/filepath"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/util/validation"

	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/argo"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/contextconfig"
	"github.com/kubectl-argo-submit/kubectl-argo-submit/pkg/token"
)

// The checks of `config set` and `config unset`: a bad value fails when it is stored, not at the next
// submission in that context, and nothing is written.

// checkServerSettings checks the context's Argo Server settings together, as a submission would use
// them, without any call: the address parses, a CA file holds PEM certificates and does not come with
// skipping verification. The others describe the server, so they cannot be stored without it.
func checkServerSettings(s contextconfig.Settings) error {
	if s.ArgoCAFile != "" && s.InsecureSkipVerify() {
		return usageErrorf("a CA file is pointless when the certificate is not verified: keep argoCAFile or argoInsecureSkipVerify, " +
			"not both (config unset one, or set --argo-insecure-skip-verify=false)")
	}
	if s.ArgoServer != "" {
		_, err := argo.NewClient(argo.Config{
			Server: s.ArgoServer, BaseHref: s.ArgoBaseHref, Secure: true, CAFile: s.ArgoCAFile, InsecureSkipVerify: s.InsecureSkipVerify(),
		}, nil)
		return err
	}
	var orphans []string
	for _, field := range []struct {
		key string
		set bool
	}{{"argoBaseHref", s.ArgoBaseHref != ""}, {"argoCAFile", s.ArgoCAFile != ""}, {"argoInsecureSkipVerify", s.ArgoInsecureSkipVerify != nil}} {
		if field.set {
			orphans = append(orphans, field.key)
		}
	}
	if len(orphans) == 0 {
		return nil
	}
	return usageErrorf("%s describe the context's Argo Server and apply only with it: set one with --argo-server, or unset them too", strings.Join(orphans, ", "))
}

// secureServer keeps --argo-secure in the server address, the one place the context stores it: plain
// HTTP is an http:// URL, which --argo-server takes too, and a URL's scheme is what a submission follows.
func secureServer(server string, secure bool) (string, error) {
	lower := strings.ToLower(server)
	switch {
	case server == "":
		return "", usageErrorf("--argo-secure applies to the context's Argo Server: give --argo-server too")
	case strings.HasPrefix(lower, "https://") && !secure:
		return "", usageErrorf("--argo-secure=false contradicts the https:// of the Argo Server %q: give an http:// URL or host:port", server)
	case strings.HasPrefix(lower, "http://") && secure:
		return "https://" + server[len("http://"):], nil
	case !strings.Contains(server, "://") && !secure:
		return "http://" + server, nil
	}
	return server, nil
}

func nonEmpty(flag, value string) error {
	if strings.TrimSpace(value) == "" {
		return usageErrorf("--%s is empty: to remove a setting, use 'kubectl argo-submit config unset KEY'", flag)
	}
	return nil
}

// absolutePath keeps a file usable from any directory the plugin later runs in.
func absolutePath(flag, path string) (string, error) {
	if err := nonEmpty(flag, path); err != nil {
		return "", err
	}
	return filepath.Abs(path)
}

func checkTokenSource(source string) error {
	if err := nonEmpty("token-source", source); err != nil {
		return err
	}
	_, err := token.ParseMode(source)
	return err
}

func checkTokenDuration(d time.Duration) error {
	if d < token.MinDuration {
		return usageErrorf("--token-duration %s is too short: the TokenRequest API needs at least %s", d, token.MinDuration)
	}
	return nil
}

func checkAudiences(audiences []string) error {
	for _, audience := range audiences {
		if err := nonEmpty("token-audience", audience); err != nil {
			return err
		}
	}
	return nil
}

// checkLabel and checkSubdomain apply Kubernetes' naming rules (namespaces are labels; service
// accounts and Secrets subdomains), so that a typo fails now rather than at the next submission.
func checkLabel(flag, value string) error { return checkName(flag, value, validation.IsDNS1123Label) }

func checkSubdomain(flag, value string) error {
	return checkName(flag, value, validation.IsDNS1123Subdomain)
}

func checkName(flag, value string, rules func(string) []string) error {
	if err := nonEmpty(flag, value); err != nil {
		return err
	}
	if problems := rules(value); len(problems) > 0 {
		return usageErrorf("invalid --%s %q: %s", flag, value, strings.Join(problems, "; "))
	}
	return nil
}
