package token

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	utilnet "k8s.io/apimachinery/pkg/util/net"
)

// Kind sorts failures by what the user has to do about them; the command
// maps each to an exit code.
type Kind int

const (
	// KindUsage is a wrong or conflicting flag (exit 2).
	KindUsage Kind = iota + 1
	// KindAuth is a token that cannot be had: unresolvable, forbidden, not
	// found, or credentials rejected (exit 3).
	KindAuth
	// KindUnreachable is a Kubernetes API that cannot be reached, network or
	// TLS (exit 4).
	KindUnreachable
	// KindOther is anything else (exit 1).
	KindOther
)

func (k Kind) String() string {
	switch k {
	case KindUsage:
		return "usage"
	case KindAuth:
		return "auth"
	case KindUnreachable:
		return "unreachable"
	case KindOther:
		return "other"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Error is a failure to resolve a token. Message says what failed and what
// to try next; Err is the cause.
type Error struct {
	Kind    Kind
	Source  Mode
	Message string
	Err     error
}

// Error returns Message, followed by the cause when Message does not
// already include its text.
func (e *Error) Error() string {
	if e.Err == nil || strings.Contains(e.Message, e.Err.Error()) {
		return e.Message
	}
	if e.Message == "" {
		return e.Err.Error()
	}
	return e.Message + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the Kind of the first *Error in err's chain, KindOther when
// there is none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) && e.Kind != 0 {
		return e.Kind
	}
	return KindOther
}

func usageError(source Mode, format string, args ...any) *Error {
	return &Error{Kind: KindUsage, Source: source, Message: fmt.Sprintf(format, args...)}
}

func authError(source Mode, cause error, format string, args ...any) *Error {
	return &Error{Kind: KindAuth, Source: source, Message: fmt.Sprintf(format, args...), Err: cause}
}

// forbiddenUser finds the identity in an API server Forbidden message:
// `… is forbidden: User "system:serviceaccount:argo:ci" cannot …`.
var forbiddenUser = regexp.MustCompile(`User "([^"]*)" cannot`)

// grantRole names the Role the grant hints suggest creating.
const grantRole = "argo-submit-token"

// apiCall is one Kubernetes API call a source makes, described the way RBAC
// names it so that a failure can say which permission is missing.
type apiCall struct {
	source       Mode
	verb         string // RBAC verb, e.g. "create"
	resource     string // RBAC resource, e.g. "serviceaccounts/token"
	namespace    string
	resourceName string // the one object the call is on; "" for a list
	what         string // the object as the user knows it, e.g. `serviceaccount "ci"`
	purpose      string // what the call is for, after "to": e.g. "request a token for serviceaccount argo/ci"
}

// permission reads e.g. `create serviceaccounts/token in namespace "argo"`.
func (c apiCall) permission() string {
	return fmt.Sprintf("%s %s in namespace %q", c.verb, c.resource, c.namespace)
}

// fail turns an error from the call into an *Error. alternative says what
// else to try when the permission is missing, e.g. "or use --token-source secret".
func (c apiCall) fail(err error, alternative string) *Error {
	switch {
	case apierrors.IsForbidden(err):
		return c.forbidden(err, alternative)
	case apierrors.IsNotFound(err):
		return authError(c.source, err, "%s not found in namespace %q, needed to %s (API server: %v)",
			c.what, c.namespace, c.purpose, err)
	case apierrors.IsUnauthorized(err):
		return authError(c.source, err,
			"the Kubernetes API rejected the kubeconfig's own credentials (401 Unauthorized) when trying to %s; "+
				"log in again or refresh the kubeconfig's credentials (API server: %v)", c.purpose, err)
	case errors.Is(err, context.Canceled):
		return &Error{Kind: KindOther, Source: c.source, Err: err, Message: fmt.Sprintf("cancelled while trying to %s", c.purpose)}
	}
	if problem, ok := connectionProblem(err); ok {
		return &Error{Kind: KindUnreachable, Source: c.source, Err: err,
			Message: fmt.Sprintf("%s, so cannot %s", problem, c.purpose)}
	}
	return &Error{Kind: KindOther, Source: c.source, Err: err,
		Message: fmt.Sprintf("cannot %s (%s)", c.purpose, c.permission())}
}

func (c apiCall) forbidden(err error, alternative string) *Error {
	identity := forbiddenIdentity(err)
	who := identityOr(identity, "the kubeconfig's identity")
	msg := fmt.Sprintf("%s is missing permission %s, needed to %s; grant it with: %s",
		who, c.permission(), c.purpose, c.grantCommand(identity))
	if alternative != "" {
		msg += "; " + alternative
	}
	return authError(c.source, err, "%s (API server: %v)", msg, err)
}

// grantCommand is the kubectl command that grants the missing permission
// to identity.
func (c apiCall) grantCommand(identity string) string {
	role := fmt.Sprintf("kubectl create role %s --namespace=%s --verb=%s --resource=%s",
		grantRole, c.namespace, c.verb, c.resource)
	if c.resourceName != "" {
		role += " --resource-name=" + c.resourceName
	}
	return fmt.Sprintf("%s && kubectl create rolebinding %s --namespace=%s --role=%s %s",
		role, grantRole, c.namespace, grantRole, bindingSubject(identity))
}

// bindingSubject is the kubectl create rolebinding flag naming identity.
func bindingSubject(identity string) string {
	const saPrefix = "system:serviceaccount:"
	switch {
	case identity == "":
		return "--user=<your user>"
	case strings.HasPrefix(identity, saPrefix):
		return "--serviceaccount=" + strings.TrimPrefix(identity, saPrefix)
	default:
		return "--user=" + identity
	}
}

// identityOr names identity as a User, or returns unknown when it is "".
func identityOr(identity, unknown string) string {
	if identity == "" {
		return unknown
	}
	return fmt.Sprintf("User %q", identity)
}

// forbiddenIdentity is the user named in a Forbidden error, "" when unknown.
func forbiddenIdentity(err error) string {
	if m := forbiddenUser.FindStringSubmatch(err.Error()); m != nil {
		return m[1]
	}
	return ""
}

// connectionProblem says what went wrong when err is a network or TLS
// failure talking to the API server, naming the server when err carries it.
func connectionProblem(err error) (string, bool) {
	tlsFailure := isTLS(err)
	if !tlsFailure && !isNetwork(err) {
		return "", false
	}
	server := "the Kubernetes API server"
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		if u, perr := url.Parse(urlErr.URL); perr == nil && u.Host != "" {
			server += " " + u.Host
		}
	}
	if tlsFailure {
		return server + " failed TLS verification", true
	}
	return "cannot reach " + server, true
}

func isNetwork(err error) bool {
	var (
		urlErr *url.Error
		netErr net.Error
	)
	return errors.As(err, &urlErr) || errors.As(err, &netErr) ||
		utilnet.IsConnectionRefused(err) || utilnet.IsConnectionReset(err) || utilnet.IsProbableEOF(err)
}

func isTLS(err error) bool {
	var (
		unknownCA    x509.UnknownAuthorityError
		hostname     x509.HostnameError
		invalid      x509.CertificateInvalidError
		verification *tls.CertificateVerificationError
		recordHeader tls.RecordHeaderError
	)
	return errors.As(err, &unknownCA) || errors.As(err, &hostname) || errors.As(err, &invalid) ||
		errors.As(err, &verification) || errors.As(err, &recordHeader)
}
