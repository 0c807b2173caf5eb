// Package token resolves the credential sent to the Argo Server: a token
// given directly, one requested for a service account (TokenRequest), one
// read from a service account's legacy token Secret, or the kubeconfig's own.
package token

import (
	"context"
	"fmt"
	"strconv"
	"time"

	corev1client "k8s.io/client-go/kubernetes/typed/core/v1"
)

// Token is a resolved Argo credential. Printing it with any fmt verb shows
// only its source and subject, never its value.
type Token struct {
	// authorization is a closure, not a string, because fmt prints an
	// unexported field of a struct holding a Token by reflection, and it
	// shows a func only as an address.
	authorization func() string

	Expiry  time.Time // zero when unknown or never expires
	Source  Mode      // which source produced it
	Subject string    // what it stands for, e.g. "serviceaccount argo/ci"
}

// NewToken returns a Token carrying the Authorization header value
// authorization ("Bearer …" or "Basic …").
func NewToken(authorization string, source Mode, subject string, expiry time.Time) *Token {
	return &Token{
		authorization: func() string { return authorization },
		Expiry:        expiry,
		Source:        source,
		Subject:       subject,
	}
}

// Authorization is the HTTP Authorization header value to send.
func (t *Token) Authorization() string {
	if t == nil || t.authorization == nil {
		return ""
	}
	return t.authorization()
}

// String describes the token without its value. Value receivers keep a
// Token held by value from being printed field by field.
func (t Token) String() string {
	s := fmt.Sprintf("token from %s", t.Source)
	if t.Subject != "" {
		s += " for " + t.Subject
	}
	if !t.Expiry.IsZero() {
		s += ", expires " + t.Expiry.UTC().Format(time.RFC3339)
	}
	return s
}

// GoString is the %#v form, again without the value.
func (t Token) GoString() string {
	return fmt.Sprintf("token.Token{Source:%q, Subject:%q, Expiry:%q}",
		string(t.Source), t.Subject, t.Expiry.UTC().Format(time.RFC3339))
}

// Format routes every verb to String or GoString, so that %x, %q, %+v and
// the rest cannot reach the value either.
func (t Token) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, t.GoString())
	case verb == 'q':
		fmt.Fprint(f, strconv.Quote(t.String()))
	default:
		fmt.Fprint(f, t.String())
	}
}

// Source produces a token.
type Source interface {
	Mode() Mode
	Token(ctx context.Context) (*Token, error)
}

// KubeClient is the part of a clientset the token sources use. Both client-go's Clientset and its
// fake satisfy it; the command builds only the core/v1 client, which keeps every other API group's
// generated client out of the binary.
type KubeClient interface {
	CoreV1() corev1client.CoreV1Interface
}
