package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

const mod = "github.com/git-repro/git-repro"

// pkg is what go list says about one package: what its code imports,
// what its tests add (in-package and _test package), and everything its
// code depends on, transitively.
type pkg struct {
	imports, testImports, deps []string
}

func listPackages(t *testing.T) map[string]pkg {
	t.Helper()
	const format = `{{.ImportPath}}|{{join .Imports " "}}|{{join .TestImports " "}} {{join .XTestImports " "}}|{{join .Deps " "}}`
	out, err := exec.Command("go", "list", "-f", format, mod+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := map[string]pkg{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "|")
		if len(f) != 4 {
			t.Fatalf("go list line %q", line)
		}
		pkgs[f[0]] = pkg{imports: strings.Fields(f[1]), testImports: strings.Fields(f[2]), deps: strings.Fields(f[3])}
	}
	return pkgs
}

func under(p, prefix string) bool {
	return p == mod+"/"+prefix || strings.HasPrefix(p, mod+"/"+prefix+"/")
}

func anyUnder(prefixes ...string) func(string) bool {
	return func(p string) bool {
		for _, pre := range prefixes {
			if under(p, pre) {
				return true
			}
		}
		return false
	}
}

// layer is one rule of the layering: packages that applies to must not
// import (their code or their tests, directly) what banned matches; with
// transitive set, their code must not depend on it through anything else
// either.
type layer struct {
	why        string
	applies    func(pkg string) bool
	banned     func(imp string) bool
	transitive bool
}

// layers are the layering the packages' doc.go files state.
var layers = []layer{
	{why: "only gitx imports go-git",
		applies: func(p string) bool { return !under(p, "gitx") },
		banned:  func(i string) bool { return strings.HasPrefix(i, "github.com/go-git/go-git") }},
	{why: "snapshot is a leaf: it imports nothing of git-repro's",
		applies: anyUnder("snapshot"),
		banned:  func(i string) bool { return strings.HasPrefix(i, mod+"/") }},
	{why: "the engine (checks) knows no rule family, registry or parser: they are handed in",
		applies:    anyUnder("checks"),
		banned:     anyUnder("rules", "parse", "gitx", "action", "hooks", "lfsstore", "cmd", "report", "scorecard"),
		transitive: true},
	{why: "parsers (parse/...) read text: no engine, no rule family, no git, no front end",
		applies:    anyUnder("parse"),
		banned:     anyUnder("checks", "rules", "gitx", "action", "hooks", "lfsstore", "cmd", "report", "scorecard"),
		transitive: true},
	{why: "rule families and the registry (rules/...) import neither gitx, action, hooks, lfsstore nor the command",
		applies:    anyUnder("rules"),
		banned:     anyUnder("gitx", "action", "hooks", "lfsstore", "cmd"),
		transitive: true},
	{why: "a rule family does not import the registry",
		applies: func(p string) bool { return strings.HasPrefix(p, mod+"/rules/") },
		banned:  func(i string) bool { return i == mod+"/rules" }},
	{why: "the renderers (report) and the report builder (scorecard) import neither gitx, action, hooks nor lfsstore",
		applies:    anyUnder("report", "scorecard"),
		banned:     anyUnder("gitx", "action", "hooks", "lfsstore"),
		transitive: true},
	{why: "lfsstore stands on its own",
		applies: anyUnder("lfsstore"),
		banned:  anyUnder("checks", "rules", "parse", "report", "scorecard", "gitx", "action", "hooks")},
	{why: "only the command imports action and hooks",
		applies: func(p string) bool { return !under(p, "cmd") && !under(p, "action") && !under(p, "hooks") },
		banned:  anyUnder("action", "hooks")},
}

func TestLayers(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) < 40 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	// The rules below must see real edges: gitx does import go-git, the
	// registry imports the families, and the families' tests import
	// their test harness.
	for p, want := range map[string]string{
		mod + "/gitx":       "github.com/go-git/go-git/v5",
		mod + "/rules":      mod + "/rules/docker",
		mod + "/rules/pip":  mod + "/internal/rulestest", // a test import
		mod + "/scorecard":  mod + "/checks",
		mod + "/rules/deps": mod + "/parse/pipreq",
	} {
		all := append(append(append([]string(nil), pkgs[p].imports...), pkgs[p].testImports...), pkgs[p].deps...)
		if !strings.Contains(strings.Join(all, " "), want) {
			t.Fatalf("%s's imports were not read (no %s): %+v", p, want, pkgs[p])
		}
	}
	for name, p := range pkgs {
		for _, l := range layers {
			if !l.applies(name) {
				continue
			}
			for _, imp := range p.imports {
				if l.banned(imp) {
					t.Errorf("%s imports %s: %s", name, imp, l.why)
				}
			}
			for _, imp := range p.testImports {
				if l.banned(imp) {
					t.Errorf("%s's tests import %s: %s", name, imp, l.why)
				}
			}
			if !l.transitive {
				continue
			}
			for _, dep := range p.deps {
				if l.banned(dep) && !contains(p.imports, dep) {
					t.Errorf("%s depends on %s (through its imports): %s", name, dep, l.why)
				}
			}
		}
	}
}

// TestTestHarness: internal/rulestest, the rule tests' door to gitx, is
// imported by tests only, never by code that ships.
func TestTestHarness(t *testing.T) {
	for name, p := range listPackages(t) {
		if contains(p.imports, mod+"/internal/rulestest") || contains(p.deps, mod+"/internal/rulestest") {
			t.Errorf("%s imports internal/rulestest, which only tests may", name)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
