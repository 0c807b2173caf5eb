package argo

import (
	"context"
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startTLSServer runs fake on 127.0.0.1 over HTTPS with HTTP/2 enabled.
func startTLSServer(t *testing.T, fake http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(fake)
	srv.EnableHTTP2 = true
	srv.Config.ErrorLog = quietLog()
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// writeCAFile writes the test server's self-signed certificate as a PEM bundle.
func writeCAFile(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	block := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, block, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTLS(t *testing.T) {
	fake := &fakeServer{status: http.StatusOK, body: `{"version":"v3.7.2"}`}
	srv := startTLSServer(t, fake)
	caFile := writeCAFile(t, srv)
	hostPort := strings.TrimPrefix(srv.URL, "https://")
	_, port, _ := net.SplitHostPort(hostPort)

	tests := []struct {
		name     string
		cfg      Config
		wantHint string // empty: the request succeeds
	}{
		{"CA file", Config{Server: hostPort, Secure: true, CAFile: caFile}, ""},
		{"CA file with https URL", Config{Server: srv.URL, CAFile: caFile}, ""},
		{"insecure skip verify", Config{Server: hostPort, Secure: true, InsecureSkipVerify: true}, ""},
		{"system roots only", Config{Server: hostPort, Secure: true}, "--argo-ca-file"},
		{"host name not in certificate", Config{Server: "https://localhost:" + port, CAFile: caFile}, "not valid for this host name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, err := NewClient(tt.cfg, &staticCredentials{value: testAuthorization})
			if err != nil {
				t.Fatal(err)
			}
			info, err := client.Version(context.Background())
			if tt.wantHint == "" {
				if err != nil || info.Version != "v3.7.2" {
					t.Fatalf("Version() = %v, %v", info, err)
				}
				return
			}
			var connErr *ConnectionError
			if !errors.As(err, &connErr) || !connErr.TLS {
				t.Fatalf("error = %v, want *ConnectionError with TLS", err)
			}
			if !strings.Contains(err.Error(), tt.wantHint) || !strings.Contains(err.Error(), "/api/v1/version") {
				t.Errorf("Error() = %q, want the URL and %q", err, tt.wantHint)
			}
		})
	}
}

func TestHTTP2WithCustomTLS(t *testing.T) {
	fake := &fakeServer{status: http.StatusOK, body: `{}`}
	srv := startTLSServer(t, fake)
	client, err := NewClient(Config{Server: srv.URL, CAFile: writeCAFile(t, srv)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Version(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := fake.recorded()[0].protoMajor; got != 2 {
		t.Errorf("request used HTTP/%d, want HTTP/2", got)
	}
}

func TestHTTPSToPlainServer(t *testing.T) {
	srv := startPlainServer(t, &fakeServer{status: http.StatusOK, body: `{}`})
	httpsURL := "https://" + strings.TrimPrefix(srv.URL, "http://")
	client, err := NewClient(Config{Server: httpsURL}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Version(context.Background())
	var connErr *ConnectionError
	if !errors.As(err, &connErr) || !connErr.TLS {
		t.Fatalf("error = %v, want *ConnectionError with TLS", err)
	}
	if !strings.Contains(err.Error(), "--argo-secure=false") {
		t.Errorf("Error() = %q, want the --argo-secure=false hint", err)
	}
}

func TestPlainHTTPToTLSServer(t *testing.T) {
	srv := startTLSServer(t, &fakeServer{status: http.StatusOK, body: `{}`})
	client, err := NewClient(Config{Server: strings.TrimPrefix(srv.URL, "https://"), Secure: false}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.Version(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest {
		t.Fatalf("error = %v, want *APIError 400", err)
	}
	if !strings.Contains(err.Error(), "speaks HTTPS") {
		t.Errorf("Error() = %q, want the HTTPS hint", err)
	}
}

func TestUnreachableServer(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := listener.Addr().String()
	listener.Close()

	client, err := NewClient(Config{Server: addr, Secure: false}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.CreateWorkflow(context.Background(), "argo", sampleWorkflow(), false)
	var connErr *ConnectionError
	if !errors.As(err, &connErr) || connErr.TLS {
		t.Fatalf("error = %v, want *ConnectionError without TLS", err)
	}
	wantURL := "http://" + addr + "/api/v1/workflows/argo"
	if connErr.URL != wantURL || !strings.Contains(err.Error(), wantURL) || !strings.Contains(err.Error(), "port-forward") {
		t.Errorf("Error() = %q, want %s and a port-forward hint", err, wantURL)
	}
}

func TestTimeoutIsConnectionError(t *testing.T) {
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := startPlainServer(t, slow)
	client := plainClient(t, srv, nil, func(cfg *Config) { cfg.Timeout = 100 * time.Millisecond })

	_, err := client.Version(context.Background())
	var connErr *ConnectionError
	if !errors.As(err, &connErr) || connErr.TLS {
		t.Fatalf("error = %v, want *ConnectionError without TLS", err)
	}
	if !strings.Contains(err.Error(), "did not answer in time") {
		t.Errorf("Error() = %q, want the timeout hint", err)
	}
}

func TestCanceledContextStaysCanceled(t *testing.T) {
	srv := startPlainServer(t, &fakeServer{status: http.StatusOK, body: `{}`})
	client := plainClient(t, srv, nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	_, err := client.Version(ctx)
	var connErr *ConnectionError
	if !errors.Is(err, context.Canceled) || errors.As(err, &connErr) {
		t.Errorf("error = %v, want context.Canceled and no *ConnectionError", err)
	}
}
