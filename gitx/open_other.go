//go:build !unix

package gitx

// nonBlock: without O_NONBLOCK, the Lstat before every open (and the check
// of the opened file) keeps FIFOs and devices out.
const nonBlock = 0
