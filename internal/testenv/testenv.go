package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Tool returns the path of the named executable. When it is missing the
// test is skipped, or failed when the CI environment variable is set.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required in CI but not installed (.ci/run installs it): %v", name, err)
	}
	t.Skipf("%s not installed: %v", name, err)
	return ""
}

// Missing reports a prerequisite other than an executable (a Python
// module, a service) as absent: the test is skipped, or failed when the CI
// environment variable is set.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("required in CI but missing (.ci/run installs it): "+format, args...)
	}
	t.Skipf(format, args...)
}
