//go:build unix

package gitcli

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts git in its own process group and makes the
// context's cancellation kill the whole group: git fetch runs
// git-remote-http, which would otherwise outlive git on a stalled
// connection and keep its pipes open.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
}
