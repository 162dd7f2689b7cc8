// Command kro-cluster runs a local control plane for tests: etcd,
// kube-apiserver and the kro controller, all bound to loopback.
//
// It writes an admin kubeconfig, then prints one line to stdout:
//
//	READY {"kubeconfig":"…","server":"https://127.0.0.1:…","logDir":"…"}
//
// and runs until SIGINT or SIGTERM (or, with -exit-on-stdin-eof, until its
// stdin closes), then stops every child and removes its run directory.
// Exit status: 0 after a requested stop, 1 if start-up failed or a child
// died, 2 for bad flags.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"kro-designer.local/cluster/internal/controlplane"
)

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, " ") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	os.Exit(run())
}

func run() int {
	var (
		binDir       = flag.String("bin-dir", "", "directory holding etcd, kube-apiserver and kro-controller (required)")
		crdDir       = flag.String("crd-dir", "", "directory of CRD YAML files to install, i.e. kro's helm/crds (required)")
		kubeconfig   = flag.String("kubeconfig", ".cluster/kubeconfig", "where to write the admin kubeconfig")
		runRoot      = flag.String("run-root", filepath.Join(os.TempDir(), "kro-designer-cluster"), "parent of the per-run data directories")
		logDir       = flag.String("log-dir", "", "where component logs go (default: inside the run directory, removed on exit)")
		withKro      = flag.Bool("kro", true, "start the kro controller")
		verbose      = flag.Bool("v", false, "copy component logs to stderr")
		startTimeout = flag.Duration("start-timeout", 3*time.Minute, "give up if the control plane is not ready by then")
		exitOnStdin  = flag.Bool("exit-on-stdin-eof", false, "stop when stdin closes (the parent process died)")
		keepRunDir   = flag.Bool("keep-run-dir", false, "keep the run directory (etcd data, certificates) after stopping")
		kroArgs      stringList
	)
	flag.Var(&kroArgs, "kro-arg", "extra flag for the kro controller (repeatable), e.g. -kro-arg=--allow-crd-deletion")
	flag.Parse()
	logf := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "kro-cluster: "+format+"\n", args...)
	}
	if *binDir == "" || *crdDir == "" || flag.NArg() != 0 {
		flag.Usage()
		return 2
	}

	absPaths := []*string{binDir, crdDir, kubeconfig, runRoot}
	if *logDir != "" {
		absPaths = append(absPaths, logDir)
	}
	for _, p := range absPaths {
		a, err := filepath.Abs(*p)
		if err != nil {
			logf("%v", err)
			return 2
		}
		*p = a
	}

	if err := os.MkdirAll(*runRoot, 0o755); err != nil {
		logf("%v", err)
		return 1
	}
	removeStaleRuns(*runRoot, logf)
	runDir, err := os.MkdirTemp(*runRoot, "run-"+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		logf("%v", err)
		return 1
	}
	if !*keepRunDir {
		defer os.RemoveAll(runDir)
	}
	if *logDir == "" {
		*logDir = filepath.Join(runDir, "logs")
	}
	if err := os.MkdirAll(*logDir, 0o755); err != nil {
		logf("%v", err)
		return 1
	}

	// First SIGINT/SIGTERM: orderly stop. A second SIGINT: kill everything now.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	stop := make(chan struct{})
	var stopOnce sync.Once
	var stopReason string
	requestStop := func(reason string) {
		stopOnce.Do(func() {
			stopReason = reason
			close(stop)
		})
	}
	// Signals after the stop request go to `again`, read by the shutdown loop below.
	again := make(chan os.Signal, 1)
	go func() {
		for s := range signals {
			select {
			case <-stop:
				select {
				case again <- s:
				default:
				}
			default:
				requestStop(s.String())
			}
		}
	}()
	if *exitOnStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			requestStop("stdin closed")
		}()
	}

	ctx, cancel := context.WithTimeout(context.Background(), *startTimeout)
	defer cancel()
	go func() {
		// A stop request during start-up aborts the start-up.
		select {
		case <-stop:
			cancel()
		case <-ctx.Done():
		}
	}()

	var tee io.Writer
	if *verbose {
		tee = os.Stderr
	}
	started := time.Now()
	cp, err := controlplane.Start(ctx, controlplane.Config{
		BinDir:         *binDir,
		CRDDir:         *crdDir,
		RunDir:         runDir,
		LogDir:         *logDir,
		KubeconfigPath: *kubeconfig,
		Kro:            *withKro,
		KroArgs:        kroArgs,
		Tee:            tee,
		Log:            logf,
	})
	if err != nil {
		select {
		case <-stop:
			logf("stopped during start-up (%s)", stopReason)
			return 0
		default:
		}
		logf("start-up failed: %v", err)
		tailLogs(*logDir, logf)
		return 1
	}
	ready, err := json.Marshal(map[string]any{
		"kubeconfig": *kubeconfig,
		"server":     cp.Server,
		"logDir":     *logDir,
		"crds":       cp.CRDs,
		"pid":        os.Getpid(),
	})
	if err != nil {
		logf("%v", err)
		cp.Stop()
		return 1
	}
	logf("ready after %s", time.Since(started).Round(time.Millisecond))
	fmt.Printf("READY %s\n", ready)

	// SIGUSR1 restarts kube-apiserver in place (fault tests: clients must survive an API server restart).
	restart := make(chan os.Signal, 1)
	signal.Notify(restart, syscall.SIGUSR1)
	code := 0
running:
	for {
		select {
		case <-restart:
			logf("restarting kube-apiserver")
			rctx, rcancel := context.WithTimeout(context.Background(), *startTimeout)
			if err := cp.RestartAPIServer(rctx); err != nil {
				logf("kube-apiserver restart failed: %v", err)
			} else {
				logf("kube-apiserver restarted")
			}
			rcancel()
		case <-stop:
			logf("stopping (%s)", stopReason)
			break running
		case p := <-cp.Exited():
			logf("%s exited unexpectedly: %v (log: %s)", p.Name, p.ExitError(), p.LogPath)
			tailLogs(*logDir, logf)
			code = 1
			break running
		}
	}
	stopped := make(chan struct{})
	go func() {
		cp.Stop()
		close(stopped)
	}()
	// A second Ctrl-C means "now". Repeated SIGTERMs come from supervisors that signal both the
	// group and the process; they must not turn an orderly stop into a kill.
	for waiting := true; waiting; {
		select {
		case <-stopped:
			waiting = false
		case s := <-again:
			if s == os.Interrupt {
				logf("interrupted again: killing")
				cp.Kill()
				<-stopped
				waiting = false
			}
		}
	}
	logf("stopped")
	return code
}

// removeStaleRuns deletes run directories left by harnesses that died without
// cleaning up (SIGKILL, power loss). Directory names carry the harness pid.
func removeStaleRuns(root string, logf func(string, ...any)) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		parts := strings.SplitN(e.Name(), "-", 3)
		if len(parts) != 3 || parts[0] != "run" {
			continue
		}
		pid, err := strconv.Atoi(parts[1])
		if err != nil || processAlive(pid) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(root, e.Name())); err != nil {
			logf("could not remove stale run directory: %v", err)
		}
	}
}

func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// tailLogs prints the end of each component log, so a failure in CI is
// diagnosable from the job output alone.
func tailLogs(dir string, logf func(string, ...any)) {
	for _, name := range []string{"etcd", "kube-apiserver", "kro"} {
		data, err := os.ReadFile(filepath.Join(dir, name+".log"))
		if err != nil {
			continue
		}
		lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
		if len(lines) > 25 {
			lines = lines[len(lines)-25:]
		}
		logf("--- last lines of %s.log ---\n%s", name, strings.Join(lines, "\n"))
	}
}
