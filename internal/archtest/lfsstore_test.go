package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

// lfsPkg is one package of the module with what it imports, its tests
// included (in-package and external test files).
type lfsPkg struct {
	path    string
	imports []string
}

// goList lists the module's packages with their imports and test imports.
func goList(t *testing.T) map[string]lfsPkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-f",
		`{{.ImportPath}}|{{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}`, mod+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]lfsPkg{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, imps, _ := strings.Cut(line, "|")
		pkgs[path] = lfsPkg{path, strings.Fields(imps)}
	}
	return pkgs
}

// TestLFSStoreLayers enforces the layering lfsstore's doc.go files state,
// test files included, and that the small git-repro binary (what every
// pre-commit hook starts) links none of the content store.
func TestLFSStoreLayers(t *testing.T) {
	pkgs := goList(t)
	in := func(p, prefix string) bool { return p == mod+"/"+prefix || strings.HasPrefix(p, mod+"/"+prefix+"/") }
	is := func(p, name string) bool { return p == mod+"/"+name }
	// The rules must see real edges.
	if !strings.Contains(strings.Join(pkgs[mod+"/lfsstore/chunked"].imports, " "), mod+"/lfsstore/cdc") {
		t.Fatalf("lfsstore/chunked's imports were not read: %v", pkgs[mod+"/lfsstore/chunked"].imports)
	}
	rules := []struct {
		why     string
		applies func(pkg string) bool
		banned  func(imp string) bool
	}{
		{"lfsstore/cdc is a pure function: it imports nothing of git-repro's",
			func(p string) bool { return is(p, "lfsstore/cdc") },
			func(i string) bool { return strings.HasPrefix(i, mod+"/") }},
		{"lfsstore/internal/inflight imports nothing of git-repro's",
			func(p string) bool { return is(p, "lfsstore/internal/inflight") },
			func(i string) bool { return strings.HasPrefix(i, mod+"/") }},
		{"lfsstore/chunked does not import the server",
			func(p string) bool { return in(p, "lfsstore/chunked") },
			func(i string) bool { return in(i, "lfsstore/server") }},
		{"lfsstore/agent does not import the server",
			func(p string) bool { return in(p, "lfsstore/agent") },
			func(i string) bool { return in(i, "lfsstore/server") }},
		{"lfsstore/s3 imports neither the server nor the agent",
			func(p string) bool { return in(p, "lfsstore/s3") },
			func(i string) bool { return in(i, "lfsstore/server") || in(i, "lfsstore/agent") }},
		{"lfsstore stands on its own: no checks, rules, gitx, action, hooks or commands (snapshot, a leaf, is fine)",
			func(p string) bool { return in(p, "lfsstore") },
			func(i string) bool {
				for _, x := range []string{"checks", "rules", "gitx", "action", "hooks", "cmd"} {
					if in(i, x) {
						return true
					}
				}
				return false
			}},
		{"only cmd/git-repro-lfs imports lfsstore/server and lfsstore/agent",
			func(p string) bool {
				return !is(p, "cmd/git-repro-lfs") && !in(p, "lfsstore/server") && !in(p, "lfsstore/agent")
			},
			func(i string) bool { return in(i, "lfsstore/server") || in(i, "lfsstore/agent") }},
		{"cmd/git-repro-lfs imports no rules engine, git layer, action or hooks",
			func(p string) bool { return is(p, "cmd/git-repro-lfs") },
			func(i string) bool {
				return in(i, "checks") || in(i, "rules") || in(i, "gitx") || in(i, "action") || in(i, "hooks")
			}},
	}
	for _, pkg := range pkgs {
		for _, r := range rules {
			if !r.applies(pkg.path) {
				continue
			}
			for _, imp := range pkg.imports {
				if imp != pkg.path && r.banned(imp) {
					t.Errorf("%s imports %s: %s", pkg.path, imp, r.why)
				}
			}
		}
	}

	out, err := exec.Command("go", "list", "-deps", mod+"/cmd/git-repro").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 20 {
		t.Fatalf("go list -deps found only %d packages", len(deps))
	}
	for _, d := range deps {
		if in(d, "lfsstore") || strings.HasPrefix(d, "github.com/minio/") {
			t.Errorf("cmd/git-repro depends on %s: the LFS store lives in cmd/git-repro-lfs", d)
		}
	}
}
