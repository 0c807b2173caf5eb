package argo

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"os"
)

// newTransport builds the one keep-alive transport a Client reuses. It
// starts from Go's default transport to keep its proxy (HTTPS_PROXY/NO_PROXY),
// dial and idle-connection settings.
func newTransport(cfg Config) (*http.Transport, error) {
	tlsConfig, err := newTLSConfig(cfg)
	if err != nil {
		return nil, err
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = tlsConfig
	// A custom TLS config turns HTTP/2 off unless asked for explicitly.
	transport.ForceAttemptHTTP2 = true
	return transport, nil
}

// newTLSConfig checks the TLS settings even for plain-http servers, so a
// mistyped CA path fails early instead of when the user later switches to https.
func newTLSConfig(cfg Config) (*tls.Config, error) {
	if cfg.CAFile != "" && cfg.InsecureSkipVerify {
		return nil, &ConfigError{Field: "CAFile", Err: errors.New("--argo-ca-file and --argo-insecure-skip-verify cannot be used together: a CA file is pointless when the certificate is not verified; pick one")}
	}
	tlsConfig := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: cfg.InsecureSkipVerify, //nolint:gosec // the user asked for it explicitly
	}
	if cfg.CAFile != "" {
		roots, err := loadCAFile(cfg.CAFile)
		if err != nil {
			return nil, &ConfigError{Field: "CAFile", Err: err}
		}
		tlsConfig.RootCAs = roots
	}
	return tlsConfig, nil
}

// loadCAFile reads a PEM bundle into a pool that replaces the system roots,
// as kubectl's --certificate-authority does.
func loadCAFile(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read CA file: %w", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("CA file %q holds no PEM certificate; pass a PEM bundle (-----BEGIN CERTIFICATE-----) with --argo-ca-file", path)
	}
	return roots, nil
}
