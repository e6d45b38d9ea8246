package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// initBudget caps the bytes that the initialisation of git-repro's own
// packages allocates when the binary starts. Every git pre-commit hook
// starts it, so whatever a package-level variable builds (a compiled
// regular expression, a map, a parsed template) is paid on every commit,
// needed or not: build it on first use instead (internal/lazyre for
// regular expressions, sync.OnceValue for the rest).
//
// Allocation is deterministic where time is not, so this is not a timed
// test. With package-level regexp.MustCompile the packages below
// allocated 3,235,496 bytes (19,083 allocations) at start-up; compiled on
// first use, all of git-repro's packages (the shell reader and the Hub
// rules included) allocate 94,928 bytes. One large expression brought back
// costs 20-100 KB, so the budget leaves room for small tables but not for
// that.
const initBudget = 120_000

// TestInitAllocations starts the real binary as a hook does ("git-repro
// version" does nothing but start) with GODEBUG=inittrace=1, which makes
// the Go runtime print one line per package initialiser with the bytes it
// allocated, and sums the lines of git-repro's packages.
func TestInitAllocations(t *testing.T) {
	bin := goBuild(t, t.TempDir(), "git-repro", ".")
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("git-repro version: %v\n%s", err, stderr.Bytes())
	}
	inits, err := parseInitTrace(stderr.String())
	if err != nil {
		t.Fatal(err)
	}
	// The trace must be there and still in the format parseInitTrace
	// reads: the runtime's own initialisers and some of ours always
	// appear, so an empty sum cannot pass for a cheap start.
	const mod = "github.com/git-repro/git-repro/"
	ours, total := 0, 0
	var lines []string
	for _, in := range inits {
		if !strings.HasPrefix(in.pkg, mod) {
			continue
		}
		ours++
		total += in.bytes
		lines = append(lines, fmt.Sprintf("%9d bytes %6d allocs  %s", in.bytes, in.allocs, in.pkg))
	}
	if len(inits) < 50 || ours < 10 {
		t.Fatalf("GODEBUG=inittrace=1 printed %d initialisers, %d of git-repro's: the trace's format changed?\n%s", len(inits), ours, stderr.Bytes())
	}
	sort.Sort(sort.Reverse(sort.StringSlice(lines)))
	t.Logf("git-repro's packages allocate %d bytes at start-up (budget %d):\n%s", total, initBudget, strings.Join(lines, "\n"))
	if total > initBudget {
		t.Errorf("git-repro's packages allocate %d bytes at start-up, over the budget of %d: build what a package-level variable holds on first use (internal/lazyre, sync.OnceValue); by package:\n%s",
			total, initBudget, strings.Join(lines, "\n"))
	}
}

type pkgInit struct {
	pkg           string
	bytes, allocs int
}

// parseInitTrace reads the runtime's inittrace lines,
//
//	init github.com/x/y @0.51 ms, 0.12 ms clock, 4096 bytes, 12 allocs
//
// and ignores every other line.
func parseInitTrace(s string) ([]pkgInit, error) {
	var inits []pkgInit
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(line, "init ") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 11 || f[8] != "bytes," || f[10] != "allocs" {
			return nil, fmt.Errorf("inittrace line %q: not init PKG @T ms, T ms clock, N bytes, N allocs", line)
		}
		b, err1 := strconv.Atoi(f[7])
		a, err2 := strconv.Atoi(f[9])
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("inittrace line %q: bytes or allocs not a number", line)
		}
		inits = append(inits, pkgInit{pkg: f[1], bytes: b, allocs: a})
	}
	return inits, nil
}
