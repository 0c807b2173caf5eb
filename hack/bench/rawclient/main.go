// Command rawclient is the benchmark's yardstick: the least a client can do to create workflows on an
// Argo Server, with nothing of the plugin (no kubeconfig, no YAML, no flags framework). With -count 1 it
// is the floor of one submission; with -count N -workers 16 it is the ceiling of a batch, its creates
// sharing one keep-alive client. It reads the token from ARGO_TOKEN, as the plugin and the argo CLI do,
// so that it never shows in the process list.
package main

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// indexMarker in the body is replaced by each create's index, so a batch can be checked for
// duplicates and gaps as the plugin's and the argo CLI's are.
const indexMarker = "__INDEX__"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "rawclient:", err)
		os.Exit(1)
	}
}

func run() error {
	url := flag.String("url", "", "https://host:port/api/v1/workflows/NAMESPACE")
	caFile := flag.String("ca-file", "", "PEM CA of the Argo Server")
	bodyFile := flag.String("body", "", "JSON WorkflowCreateRequest; "+indexMarker+" becomes the create's index")
	count := flag.Int("count", 1, "creates to send")
	workers := flag.Int("workers", 1, "creates in flight at once")
	flag.Parse()
	token := os.Getenv("ARGO_TOKEN")
	if *url == "" || *bodyFile == "" || token == "" || *count < 1 || *workers < 1 {
		return errors.New("need -url, -body, ARGO_TOKEN, -count >= 1 and -workers >= 1")
	}
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		return err
	}
	client, err := newClient(*caFile, *workers)
	if err != nil {
		return err
	}
	return createAll(client, *url, token, body, *count, *workers)
}

// newClient verifies the server against caFile, as the plugin does with --argo-ca-file, and keeps one
// idle connection per worker so that every create after the first reuses one.
func newClient(caFile string, workers int) (*http.Client, error) {
	pem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("no certificate in " + caFile)
	}
	transport := &http.Transport{
		TLSClientConfig:     &tls.Config{RootCAs: pool},
		MaxIdleConnsPerHost: workers,
		ForceAttemptHTTP2:   true,
	}
	return &http.Client{Transport: transport, Timeout: 30 * time.Second}, nil
}

// createAll sends count creates from workers goroutines and returns the first failure.
func createAll(client *http.Client, url, token string, body []byte, count, workers int) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < count; i = int(next.Add(1)) - 1 {
				indexed := bytes.ReplaceAll(body, []byte(indexMarker), []byte(strconv.Itoa(i)))
				if err := create(client, url, token, indexed); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// Retries of a create the Argo Server refused with 429: its per-client-IP rate limit (argo server
// --api-rate-limit, 1000 requests a second by default) is part of what a parallel client meets.
const (
	maxAttempts   = 10
	maxRetryDelay = 2 * time.Second
)

// create posts one workflow, waiting out the Argo Server's rate limit a bounded number of times.
func create(client *http.Client, url, token string, body []byte) error {
	for attempt := 1; ; attempt++ {
		delay, err := post(client, url, token, body)
		if delay == 0 || attempt == maxAttempts {
			return err
		}
		time.Sleep(delay)
	}
}

// post sends one create; a non-zero delay means it was rate limited and may be retried after it.
func post(client *http.Client, url, token string, body []byte) (time.Duration, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	// Read the answer whole, as every real client does, so the connection is reused.
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode == http.StatusOK {
		return 0, nil
	}
	err = fmt.Errorf("POST %s: %s: %.200s", url, resp.Status, answer)
	if resp.StatusCode == http.StatusTooManyRequests {
		return retryDelay(resp.Header.Get("Retry-After")), err
	}
	return 0, err
}

// retryDelay is the server's Retry-After in seconds, else a short pause, at most maxRetryDelay.
func retryDelay(header string) time.Duration {
	delay := 100 * time.Millisecond
	if seconds, err := strconv.Atoi(header); err == nil && seconds > 0 {
		delay = time.Duration(seconds) * time.Second
	}
	return min(delay, maxRetryDelay)
}
