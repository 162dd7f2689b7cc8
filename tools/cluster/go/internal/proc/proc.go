// Package proc starts and stops the control-plane child processes so that
// none of them can outlive the harness.
//
// Two mechanisms work together:
//   - Orderly shutdown: Stop sends SIGTERM, waits, then sends SIGKILL.
//   - Crash safety: every child gets PR_SET_PDEATHSIG=SIGKILL, so the kernel
//     kills it when the harness dies, even by SIGKILL. Linux delivers that
//     signal when the *thread* that forked the child exits, so all children
//     are forked from one goroutine locked to an OS thread that never exits.
//     (The fork/prctl race is handled by the syscall package: a child whose
//     parent is already gone when PDEATHSIG is armed kills itself.)
//
// Children run in their own process group, so a Ctrl-C in the terminal
// reaches only the harness, which then stops them in dependency order.
package proc

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"syscall"
	"time"
)

// Process is a running child.
type Process struct {
	Name    string
	LogPath string
	cmd     *exec.Cmd
	logFile *os.File
	done    chan struct{}
	waitErr error
}

type spawnRequest struct {
	cmd   *exec.Cmd
	reply chan error
}

var (
	spawnOnce sync.Once
	spawnCh   chan spawnRequest
)

// spawnerLoop owns the OS thread all children are forked from. It is never
// unlocked and never returns, so the thread lives as long as the process and
// PDEATHSIG fires only when the harness itself dies.
func spawnerLoop() {
	runtime.LockOSThread()
	for req := range spawnCh {
		req.reply <- req.cmd.Start()
	}
}

// Start runs path with args, appending its stdout and stderr to logPath.
// If tee is not nil the output is copied there as well.
func Start(name, path string, args []string, logPath string, tee io.Writer) (*Process, error) {
	spawnOnce.Do(func() {
		spawnCh = make(chan spawnRequest)
		go spawnerLoop()
	})
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("%s: open log: %w", name, err)
	}
	var out io.Writer = logFile
	if tee != nil {
		out = io.MultiWriter(logFile, tee)
	}
	cmd := exec.Command(path, args...)
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.Stdin = nil
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Pdeathsig: syscall.SIGKILL,
		Setpgid:   true,
	}
	reply := make(chan error)
	spawnCh <- spawnRequest{cmd: cmd, reply: reply}
	if err := <-reply; err != nil {
		_ = logFile.Close()
		return nil, fmt.Errorf("%s: start %s: %w", name, path, err)
	}
	p := &Process{Name: name, LogPath: logPath, cmd: cmd, logFile: logFile, done: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		_ = logFile.Close()
		close(p.done)
	}()
	return p, nil
}

// Pid is the child's process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Done is closed when the child has exited.
func (p *Process) Done() <-chan struct{} { return p.done }

// ExitError describes how the child ended; valid after Done is closed.
func (p *Process) ExitError() error {
	if p.waitErr == nil {
		return errors.New("exited with status 0")
	}
	return p.waitErr
}

// Stop asks the child to terminate with SIGTERM and kills it with SIGKILL if
// it has not exited within grace. It returns once the child is reaped.
func (p *Process) Stop(grace time.Duration) {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}
