//go:build unix

package gitx

import "syscall"

// nonBlock opens a FIFO without waiting for a writer; a regular file reads
// as usual.
const nonBlock = syscall.O_NONBLOCK
