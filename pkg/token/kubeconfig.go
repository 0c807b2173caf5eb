package token

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/transport"
	"k8s.io/klog/v2"
)

// KubeconfigSource sends the credentials the kubeconfig itself would send
// to the Kubernetes API: a bearer token, a token file, an exec plugin's
// token, or basic auth.
type KubeconfigSource struct {
	RESTConfig func() (*rest.Config, error)
}

// kubeconfigSubject names the token without naming a user, which the
// kubeconfig may not know (e.g. with an exec plugin).
const kubeconfigSubject = "kubeconfig credentials"

// captureURL is the address of the request that is never sent.
const captureURL = "https://kubeconfig-credentials.invalid/"

// otherSources lists what to use instead when the kubeconfig has no token.
const otherSources = "pass an Argo token with --argo-token or ARGO_TOKEN, " +
	"name a service account with --token-service-account (its token is then requested, --token-source request, " +
	"or read from its Secret, --token-source secret), or name a token Secret with --token-secret"

func (KubeconfigSource) Mode() Mode { return Kubeconfig }

// Token returns the Authorization header client-go would put on a request,
// found without any network call: client-go's own auth wrappers (which run
// exec plugins and read token files) are applied to a round tripper that
// records the header instead of sending the request.
func (s KubeconfigSource) Token(ctx context.Context) (*Token, error) {
	cfg, err := s.restConfig()
	if err != nil {
		return nil, err
	}
	if isImpersonating(cfg) {
		return nil, usageError(Kubeconfig,
			"the kubeconfig credentials cannot be sent to the Argo Server while impersonating (--as, --as-group, --as-uid): "+
				"the Argo Server cannot act as an impersonated user; use --token-service-account instead")
	}
	authorization, err := capturedAuthorization(ctx, cfg)
	if err != nil {
		return nil, authError(Kubeconfig, err, "cannot get the kubeconfig's credentials")
	}
	if authorization == "" {
		return nil, authError(Kubeconfig, nil,
			"the kubeconfig's credentials hold no token (a client certificate, or no credentials at all, cannot be sent to the Argo Server); %s", otherSources)
	}
	return NewToken(authorization, Kubeconfig, kubeconfigSubject, time.Time{}), nil
}

func (s KubeconfigSource) restConfig() (*rest.Config, error) {
	if s.RESTConfig == nil {
		return nil, authError(Kubeconfig, nil, "no kubeconfig is available; %s", otherSources)
	}
	cfg, err := s.RESTConfig()
	if err != nil {
		var tokenErr *Error
		if errors.As(err, &tokenErr) {
			return nil, err
		}
		return nil, authError(Kubeconfig, err, "cannot load the kubeconfig; %s", otherSources)
	}
	return cfg, nil
}

func isImpersonating(cfg *rest.Config) bool {
	imp := cfg.Impersonate
	return imp.UserName != "" || imp.UID != "" || len(imp.Groups) > 0 || len(imp.Extra) > 0
}

// capturedAuthorization runs one request through client-go's transport
// wrappers for cfg and returns the Authorization header they set.
func capturedAuthorization(ctx context.Context, cfg *rest.Config) (string, error) {
	transportConfig, err := cfg.TransportConfig()
	if err != nil {
		return "", err
	}
	capture := &headerCapture{}
	rt, err := transport.HTTPWrappersForConfig(transportConfig, capture)
	if err != nil {
		return "", err
	}
	// client-go's debug wrapper would log this request, which never happens, at -v=6: silence it.
	quiet := klog.NewContext(ctx, logr.Discard())
	req, err := http.NewRequestWithContext(quiet, http.MethodGet, captureURL, nil)
	if err != nil {
		return "", err
	}
	resp, err := rt.RoundTrip(req)
	if err != nil {
		return "", err
	}
	_ = resp.Body.Close()
	return capture.authorization, nil
}

// headerCapture is the innermost round tripper: it records the
// Authorization header and answers 200 itself, so nothing leaves the process.
type headerCapture struct {
	authorization string
}

func (c *headerCapture) RoundTrip(req *http.Request) (*http.Response, error) {
	c.authorization = req.Header.Get("Authorization")
	return &http.Response{
		Status:     "200 OK",
		StatusCode: http.StatusOK,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     http.Header{},
		Body:       io.NopCloser(strings.NewReader("")),
		Request:    req,
	}, nil
}
