package token

import (
	"strings"
	"time"
)

// MinDuration is the shortest token lifetime the TokenRequest API accepts.
const MinDuration = 10 * time.Minute

// Settings are the token flags and environment, already merged by the caller.
type Settings struct {
	Mode           Mode // "" means Auto
	ArgoToken      string
	ServiceAccount string
	Namespace      string // the token's namespace; the caller defaults it to the submission namespace
	SecretName     string
	Duration       time.Duration // requested token lifetime; 0 leaves it to the API server
	Audiences      []string
}

// mode is the effective mode: the zero Mode means Auto.
func (s Settings) mode() Mode {
	if s.Mode == "" {
		return Auto
	}
	return s.Mode
}

// Validate checks that the settings make sense together, without any call.
// Every failure is a KindUsage *Error.
func (s Settings) Validate() error {
	mode := s.mode()
	if _, err := ParseMode(string(mode)); err != nil {
		return err
	}
	for _, check := range []func(Mode) *Error{
		s.checkDuration, s.checkNeeds, s.checkConflicts, s.checkNamespace,
	} {
		if err := check(mode); err != nil {
			return err
		}
	}
	return nil
}

func (s Settings) checkDuration(Mode) *Error {
	if s.Duration < 0 || (s.Duration > 0 && s.Duration < MinDuration) {
		return usageError("", "token duration %s is too short: the TokenRequest API needs at least %s", s.Duration, MinDuration)
	}
	return nil
}

// checkNeeds makes sure an explicit mode has what it reads.
func (s Settings) checkNeeds(mode Mode) *Error {
	switch {
	case mode == ArgoToken && strings.TrimSpace(s.ArgoToken) == "":
		return usageError(mode, "--token-source argo-token needs a token in --argo-token or ARGO_TOKEN")
	case mode == Request && s.ServiceAccount == "":
		return usageError(mode, "--token-source request needs --token-service-account")
	case mode == Secret && s.ServiceAccount == "" && s.SecretName == "":
		return usageError(mode, "--token-source secret needs --token-service-account or --token-secret")
	}
	return nil
}

// checkConflicts rejects flags the chosen mode would silently ignore.
func (s Settings) checkConflicts(mode Mode) *Error {
	switch {
	case s.SecretName != "" && (mode == Request || mode == Kubeconfig || mode == ArgoToken):
		return usageError(mode, "--token-secret cannot be used with --token-source %s", mode)
	case s.ServiceAccount != "" && (mode == Kubeconfig || mode == ArgoToken):
		return usageError(mode, "--token-service-account cannot be used with --token-source %s", mode)
	case len(s.Audiences) > 0 && (mode == Secret || mode == Kubeconfig || mode == ArgoToken):
		return usageError(mode, "token audiences apply only to requested tokens, not to --token-source %s", mode)
	case len(s.Audiences) > 0 && mode == Auto && s.ServiceAccount == "":
		return usageError(mode, "token audiences need --token-service-account: they apply only to requested tokens")
	}
	return nil
}

// checkNamespace requires a namespace whenever the Kubernetes API will be asked.
func (s Settings) checkNamespace(mode Mode) *Error {
	needsNamespace := mode == Request || mode == Secret ||
		(mode == Auto && strings.TrimSpace(s.ArgoToken) == "" && (s.ServiceAccount != "" || s.SecretName != ""))
	if needsNamespace && s.Namespace == "" {
		return usageError(mode, "no namespace given for the token's service account or Secret")
	}
	return nil
}
