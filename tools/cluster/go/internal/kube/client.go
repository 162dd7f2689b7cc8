// Package kube is the few kube-apiserver calls the harness needs, done with
// net/http and the admin client certificate. Keeping client-go out keeps the
// harness module free of dependencies.
package kube

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Client talks to one kube-apiserver as the admin user.
type Client struct {
	Server string
	http   *http.Client
}

// NewClient returns a client for server (https://host:port) that trusts
// caPEM and authenticates with the given client certificate.
func NewClient(server string, caPEM, certPEM, keyPEM []byte) (*Client, error) {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return nil, errors.New("no CA certificate in PEM data")
	}
	cert, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return nil, fmt.Errorf("admin key pair: %w", err)
	}
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		Proxy:           nil, // loopback only; never route through an HTTP(S)_PROXY from the environment
	}
	return &Client{Server: strings.TrimRight(server, "/"), http: &http.Client{Transport: tr, Timeout: 30 * time.Second}}, nil
}

// Do sends one request and returns the status code and body.
func (c *Client) Do(ctx context.Context, method, path, contentType string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.Server+path, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// WaitOK polls GET path until it answers 200, ctx ends or stop is closed
// (stop signals that a process the server depends on has died).
func (c *Client) WaitOK(ctx context.Context, path string, stop <-chan struct{}) error {
	var last string
	for {
		code, body, err := c.Do(ctx, http.MethodGet, path, "", nil)
		if err == nil && code == http.StatusOK {
			return nil
		}
		if err != nil {
			last = err.Error()
		} else {
			last = fmt.Sprintf("HTTP %d: %s", code, truncate(body))
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("GET %s did not answer 200 (last: %s): %w", path, last, ctx.Err())
		case <-stop:
			return fmt.Errorf("GET %s: gave up, a dependency exited (last: %s)", path, last)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

var docSeparator = regexp.MustCompile(`(?m)^---[ \t]*$`)

// InstallCRDs creates every CustomResourceDefinition in the *.yaml files of
// dir and waits until all of them are Established. kube-apiserver decodes
// YAML request bodies itself, so the files are sent as they are.
func (c *Client) InstallCRDs(ctx context.Context, dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.yaml files in %s", dir)
	}
	var names []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read CRD file: %w", err)
		}
		for _, doc := range docSeparator.Split(string(data), -1) {
			if strings.TrimSpace(stripComments(doc)) == "" {
				continue
			}
			code, body, err := c.Do(ctx, http.MethodPost, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", "application/yaml", []byte(doc))
			if err != nil {
				return nil, fmt.Errorf("create CRD from %s: %w", f, err)
			}
			if code != http.StatusCreated {
				return nil, fmt.Errorf("create CRD from %s: HTTP %d: %s", f, code, truncate(body))
			}
			var created struct {
				Metadata struct {
					Name string `json:"name"`
				} `json:"metadata"`
			}
			if err := json.Unmarshal(body, &created); err != nil {
				return nil, fmt.Errorf("create CRD from %s: decode response: %w", f, err)
			}
			names = append(names, created.Metadata.Name)
		}
	}
	for _, n := range names {
		if err := c.waitEstablished(ctx, n); err != nil {
			return nil, err
		}
	}
	return names, nil
}

func (c *Client) waitEstablished(ctx context.Context, name string) error {
	for {
		code, body, err := c.Do(ctx, http.MethodGet, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/"+name, "", nil)
		if err == nil && code == http.StatusOK {
			var crd struct {
				Status struct {
					Conditions []struct {
						Type   string `json:"type"`
						Status string `json:"status"`
					} `json:"conditions"`
				} `json:"status"`
			}
			if err := json.Unmarshal(body, &crd); err != nil {
				return fmt.Errorf("CRD %s: decode: %w", name, err)
			}
			for _, cond := range crd.Status.Conditions {
				if cond.Type == "Established" && cond.Status == "True" {
					return nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("CRD %s not Established: %w", name, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func truncate(b []byte) string {
	const maxLen = 400
	s := strings.TrimSpace(string(b))
	if len(s) > maxLen {
		return s[:maxLen] + "…"
	}
	return s
}
