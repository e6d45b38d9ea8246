package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

const mod = "github.com/git-repro/git-repro"

func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", mod+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
	}
	if len(imports) < 20 {
		t.Fatalf("go list found only %d packages", len(imports))
	}
	// The rules below must see real edges: gitx does import go-git.
	if !strings.Contains(strings.Join(imports[mod+"/gitx"], " "), "github.com/go-git/go-git/v5") {
		t.Fatalf("gitx's imports were not read: %v", imports[mod+"/gitx"])
	}
	under := func(p, prefix string) bool { return p == mod+"/"+prefix || strings.HasPrefix(p, mod+"/"+prefix+"/") }
	rules := []struct {
		why     string
		applies func(pkg string) bool
		banned  func(imp string) bool
	}{
		{"only gitx imports go-git",
			func(p string) bool { return !under(p, "gitx") },
			func(i string) bool { return strings.HasPrefix(i, "github.com/go-git/go-git") }},
		{"checks never imports gitx, action, hooks, lfsstore or the command",
			func(p string) bool { return under(p, "checks") },
			func(i string) bool {
				return under(i, "gitx") || under(i, "action") || under(i, "hooks") || under(i, "lfsstore") || under(i, "cmd")
			}},
		{"snapshot is a leaf: it imports nothing of git-repro's",
			func(p string) bool { return under(p, "snapshot") },
			func(i string) bool { return strings.HasPrefix(i, mod+"/") }},
		{"lfsstore stands on its own",
			func(p string) bool { return under(p, "lfsstore") },
			func(i string) bool {
				return under(i, "checks") || under(i, "gitx") || under(i, "action") || under(i, "hooks")
			}},
		{"only the command imports action and hooks",
			func(p string) bool { return !under(p, "cmd") && !under(p, "action") && !under(p, "hooks") },
			func(i string) bool { return under(i, "action") || under(i, "hooks") }},
	}
	for pkg, imps := range imports {
		for _, r := range rules {
			if !r.applies(pkg) {
				continue
			}
			for _, imp := range imps {
				if r.banned(imp) {
					t.Errorf("%s imports %s: %s", pkg, imp, r.why)
				}
			}
		}
	}
}
