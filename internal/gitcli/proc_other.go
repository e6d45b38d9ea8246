//go:build !unix

package gitcli

import "os/exec"

// setProcessGroup: outside Unix the context kills git alone (the
// default); WaitDelay bounds the wait for pipes a child still holds.
func setProcessGroup(cmd *exec.Cmd) {}
