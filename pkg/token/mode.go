package token

import "strings"

// Mode names where the token comes from (--token-source).
type Mode string

const (
	Auto       Mode = "auto"       // pick from what is set; see Resolver
	ArgoToken  Mode = "argo-token" // --argo-token / ARGO_TOKEN as given
	Kubeconfig Mode = "kubeconfig" // the credentials the kubeconfig sends
	Request    Mode = "request"    // TokenRequest for a service account
	Secret     Mode = "secret"     // a legacy service account token Secret
)

// Modes lists the valid modes in the order help text shows them.
func Modes() []Mode { return []Mode{Auto, ArgoToken, Kubeconfig, Request, Secret} }

// ParseMode reads a --token-source value, ignoring case and surrounding
// space. An empty value means Auto, so an unset variable can be passed as is.
func ParseMode(s string) (Mode, error) {
	normalised := strings.ToLower(strings.TrimSpace(s))
	if normalised == "" {
		return Auto, nil
	}
	for _, m := range Modes() {
		if string(m) == normalised {
			return m, nil
		}
	}
	return "", usageError("", "invalid token source %q: valid values are %s", s, modeList())
}

func modeList() string {
	names := make([]string, 0, len(Modes()))
	for _, m := range Modes() {
		names = append(names, string(m))
	}
	return strings.Join(names, ", ")
}
