// Package controlplane starts etcd, kube-apiserver and the kro controller in
// dependency order, installs kro's CRDs and writes an admin kubeconfig.
package controlplane

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"kro-designer.local/cluster/internal/kube"
	"kro-designer.local/cluster/internal/pki"
	"kro-designer.local/cluster/internal/proc"
)

// Binary names inside Config.BinDir, as the build writes them.
const (
	EtcdBinary      = "etcd"
	APIServerBinary = "kube-apiserver"
	KroBinary       = "kro-controller"
)

// Config describes one run.
type Config struct {
	BinDir         string    // holds EtcdBinary, APIServerBinary and KroBinary
	CRDDir         string    // kro's helm/crds directory in the module cache
	RunDir         string    // unique, empty directory owned by this run
	LogDir         string    // where <component>.log files go
	KubeconfigPath string    // written once kube-apiserver is ready
	Kro            bool      // start the kro controller
	KroArgs        []string  // extra kro controller flags
	Tee            io.Writer // if set, children's output is copied here too
	Log            func(format string, args ...any)
}

// ControlPlane is a started set of processes.
type ControlPlane struct {
	Server string
	CRDs   []string
	procs  []*proc.Process // in start order
	exited chan *proc.Process

	// What RestartAPIServer needs to start kube-apiserver again exactly as before.
	cfg     Config
	apiArgs []string
	client  *kube.Client
	mu      sync.Mutex
	retired map[*proc.Process]bool // stopped on purpose: their exit is not a failure
}

// Start brings the control plane up. On error, everything it started is
// already stopped. ctx bounds the whole start-up.
func Start(ctx context.Context, cfg Config) (cp *ControlPlane, err error) {
	cp = &ControlPlane{exited: make(chan *proc.Process, 3), cfg: cfg, retired: map[*proc.Process]bool{}}
	defer func() {
		if err != nil {
			cp.Stop()
			cp = nil
		}
	}()

	ports, err := freePorts(4)
	if err != nil {
		return cp, err
	}
	etcdClient, etcdPeer, apiPort, probePort := ports[0], ports[1], ports[2], ports[3]

	certDir := filepath.Join(cfg.RunDir, "pki")
	if err := os.MkdirAll(certDir, 0o700); err != nil {
		return cp, err
	}
	files, material, err := pki.Write(certDir)
	if err != nil {
		return cp, err
	}

	etcdURL := "http://127.0.0.1:" + strconv.Itoa(etcdClient)
	peerURL := "http://127.0.0.1:" + strconv.Itoa(etcdPeer)
	cfg.Log("starting etcd on %s", etcdURL)
	etcd, err := cp.start(cfg, "etcd", EtcdBinary, []string{
		"--name=default",
		"--data-dir=" + filepath.Join(cfg.RunDir, "etcd"),
		"--listen-client-urls=" + etcdURL,
		"--advertise-client-urls=" + etcdURL,
		"--listen-peer-urls=" + peerURL,
		"--initial-advertise-peer-urls=" + peerURL,
		"--initial-cluster=default=" + peerURL,
		// Durability is worthless for a throw-away test cluster; fsync on a
		// shared CI disk is the slowest part of every write.
		"--unsafe-no-fsync=true",
		"--log-level=warn",
	})
	if err != nil {
		return cp, err
	}
	if err := waitHTTP(ctx, etcdURL+"/health", etcd.Done()); err != nil {
		return cp, fmt.Errorf("etcd: %w (log: %s)", err, etcd.LogPath)
	}

	cp.Server = "https://127.0.0.1:" + strconv.Itoa(apiPort)
	cfg.Log("starting kube-apiserver on %s", cp.Server)
	cp.apiArgs = []string{
		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(apiPort),
		// Without these two, kube-apiserver looks for the default-route
		// interface (absent on isolated machines) and tries to publish a
		// loopback address in the "kubernetes" Endpoints, which is rejected.
		"--advertise-address=127.0.0.1",
		"--endpoint-reconciler-type=none",
		"--cert-dir=" + certDir,
		"--tls-cert-file=" + files.ServingCert,
		"--tls-private-key-file=" + files.ServingKey,
		"--client-ca-file=" + files.CACert,
		"--authorization-mode=RBAC",
		"--service-cluster-ip-range=10.0.0.0/24",
		"--service-account-issuer=" + cp.Server,
		"--service-account-key-file=" + files.SAPub,
		"--service-account-signing-key-file=" + files.SAKey,
		// There is no controller-manager to create the default ServiceAccount
		// that this admission plugin insists on.
		"--disable-admission-plugins=ServiceAccount",
		"--allow-privileged=true",
		// Fairness queues only cost CPU on a 2-core machine with one client.
		"--enable-priority-and-fairness=false",
		"--profiling=false",
		"--v=1",
	}
	api, err := cp.start(cfg, "kube-apiserver", APIServerBinary, cp.apiArgs)
	if err != nil {
		return cp, err
	}
	client, err := kube.NewClient(cp.Server, material.CACertPEM, material.AdminCertPEM, material.AdminKeyPEM)
	if err != nil {
		return cp, err
	}
	cp.client = client
	if err := client.WaitOK(ctx, "/readyz", api.Done()); err != nil {
		return cp, fmt.Errorf("kube-apiserver: %w (log: %s)", err, api.LogPath)
	}
	// The system namespaces are created by a post-start hook shortly after
	// /readyz; tests (and kro) expect "default" to exist.
	if err := client.WaitOK(ctx, "/api/v1/namespaces/default", api.Done()); err != nil {
		return cp, fmt.Errorf("kube-apiserver: %w (log: %s)", err, api.LogPath)
	}
	cfg.Log("installing CRDs from %s", cfg.CRDDir)
	if cp.CRDs, err = client.InstallCRDs(ctx, cfg.CRDDir); err != nil {
		return cp, err
	}
	if err := writeKubeconfig(cfg.KubeconfigPath, cp.Server, material); err != nil {
		return cp, err
	}

	if cfg.Kro {
		probe := "127.0.0.1:" + strconv.Itoa(probePort)
		cfg.Log("starting kro controller (probes on %s)", probe)
		args := append([]string{
			"--kubeconfig=" + cfg.KubeconfigPath,
			"--metrics-bind-address=0",
			"--health-probe-bind-address=" + probe,
		}, cfg.KroArgs...)
		kro, err := cp.start(cfg, "kro", KroBinary, args)
		if err != nil {
			return cp, err
		}
		if err := waitHTTP(ctx, "http://"+probe+"/readyz", kro.Done()); err != nil {
			return cp, fmt.Errorf("kro controller: %w (log: %s)", err, kro.LogPath)
		}
	}
	return cp, nil
}

func (cp *ControlPlane) start(cfg Config, name, binary string, args []string) (*proc.Process, error) {
	p, err := proc.Start(name, filepath.Join(cfg.BinDir, binary), args, filepath.Join(cfg.LogDir, name+".log"), cfg.Tee)
	if err != nil {
		return nil, err
	}
	cp.mu.Lock()
	cp.procs = append(cp.procs, p)
	cp.mu.Unlock()
	go func() {
		<-p.Done()
		cp.mu.Lock()
		retired := cp.retired[p]
		cp.mu.Unlock()
		if !retired {
			cp.exited <- p
		}
	}()
	return p, nil
}

// RestartAPIServer stops kube-apiserver (SIGTERM, as a rolling restart would) and starts it again with the same
// flags, port, certificates and etcd, then waits for /readyz. Clients see their connections and watches end and
// must reconnect; etcd, and so every object and resourceVersion, survives. For fault tests.
func (cp *ControlPlane) RestartAPIServer(ctx context.Context) error {
	cp.mu.Lock()
	index := -1
	for i, p := range cp.procs {
		if p.Name == "kube-apiserver" {
			index = i
		}
	}
	if index < 0 {
		cp.mu.Unlock()
		return fmt.Errorf("kube-apiserver is not running")
	}
	old := cp.procs[index]
	cp.retired[old] = true
	cp.procs = append(cp.procs[:index], cp.procs[index+1:]...)
	cp.mu.Unlock()
	old.Stop(15 * time.Second)

	api, err := cp.start(cp.cfg, "kube-apiserver", APIServerBinary, cp.apiArgs)
	if err != nil {
		return err
	}
	// Keep dependency order for Stop: kube-apiserver before the controllers started after it.
	cp.mu.Lock()
	last := len(cp.procs) - 1
	moved := cp.procs[last]
	copy(cp.procs[index+1:], cp.procs[index:last])
	cp.procs[index] = moved
	cp.mu.Unlock()
	if err := cp.client.WaitOK(ctx, "/readyz", api.Done()); err != nil {
		return fmt.Errorf("kube-apiserver after restart: %w (log: %s)", err, api.LogPath)
	}
	return nil
}

// Exited delivers each child that exits; during normal operation the first
// delivery means the control plane is broken.
func (cp *ControlPlane) Exited() <-chan *proc.Process { return cp.exited }

// Stop stops the children in reverse start order: the controller before the
// API server it talks to, the API server before its storage.
func (cp *ControlPlane) Stop() {
	cp.mu.Lock()
	procs := append([]*proc.Process(nil), cp.procs...)
	cp.mu.Unlock()
	for i := len(procs) - 1; i >= 0; i-- {
		procs[i].Stop(15 * time.Second)
	}
}

// Kill ends all children at once, for a second interrupt.
func (cp *ControlPlane) Kill() {
	cp.mu.Lock()
	procs := append([]*proc.Process(nil), cp.procs...)
	cp.mu.Unlock()
	for _, p := range procs {
		p.Stop(0)
	}
}

func freePorts(n int) ([]int, error) {
	// Hold all listeners until every port is known so the n ports differ.
	// Another process could still take a port before the child binds it;
	// the child then fails fast and the error names its log.
	ls := make([]net.Listener, 0, n)
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func waitHTTP(ctx context.Context, url string, stop <-chan struct{}) error {
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{Proxy: nil}}
	var last string
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("GET %s did not answer 200 (last: %s): %w", url, last, ctx.Err())
		case <-stop:
			return fmt.Errorf("process exited before GET %s answered 200 (last: %s)", url, last)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func writeKubeconfig(path, server string, m pki.Material) error {
	b64 := base64.StdEncoding.EncodeToString
	content := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: kro-designer
  cluster:
    server: %s
    certificate-authority-data: %s
users:
- name: %s
  user:
    client-certificate-data: %s
    client-key-data: %s
contexts:
- name: kro-designer
  context:
    cluster: kro-designer
    user: %s
current-context: kro-designer
`, server, b64(m.CACertPEM), pki.AdminUser, b64(m.AdminCertPEM), b64(m.AdminKeyPEM), pki.AdminUser)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	// Write then rename so a reader never sees half a kubeconfig.
	tmp := path + ".tmp-" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, []byte(content), 0o600); err != nil {
		return fmt.Errorf("write kubeconfig: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write kubeconfig: %w", err)
	}
	return nil
}
