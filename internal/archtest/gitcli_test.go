package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOnlyGitcliRunsGit: internal/gitcli is the one way git-repro runs
// git (a context that kills it, stderr in errors, kill-on-error batch
// processes). No other package's source calls exec.Command("git", ...) or
// exec.CommandContext(ctx, "git", ...). Tests are not scanned, except the
// helpers of internal/gittest, which every test's repositories go through.
func TestOnlyGitcliRunsGit(t *testing.T) {
	root := moduleRoot(t)
	scanned := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasPrefix(rel, "internal/gitcli/") {
			return nil
		}
		if strings.HasSuffix(rel, "_test.go") && !strings.HasPrefix(rel, "internal/gittest/") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		scanned[rel] = true
		for _, v := range gitCalls(t, rel, src) {
			t.Errorf("%s runs git with os/exec: use internal/gitcli", v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The scan must have seen the packages that run git.
	for _, must := range []string{"gitx/repo.go", "action/git.go", "hooks/install.go", "lfsstore/gc/reach.go", "lfsstore/agent/setup.go", "internal/gittest/gittest.go"} {
		if !scanned[must] {
			t.Errorf("the scan missed %s (%d files scanned)", must, len(scanned))
		}
	}
}

// TestGitcliIsALeaf: gitcli imports only the standard library, so that any
// package (lfsstore included) may run git through it.
func TestGitcliIsALeaf(t *testing.T) {
	dir := filepath.Join(moduleRoot(t), "internal", "gitcli")
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sources in %s: %v", dir, err)
	}
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
				t.Errorf("%s imports %s: internal/gitcli imports only the standard library", filepath.Base(p), path)
			}
		}
	}
}

// TestGitCallsFindsViolations keeps the scanner honest.
func TestGitCallsFindsViolations(t *testing.T) {
	bad := `package p

import (
	"context"
	"os/exec"
	x "os/exec"
)

const gitBin = "git"

func f(ctx context.Context) {
	exec.Command("git", "status")
	x.CommandContext(ctx, "git", "fetch")
	exec.Command(gitBin, "log")
	bin := "/usr/bin/git"
	exec.Command(bin)
	exec.Command("go", "version")
	exec.CommandContext(ctx, "gitk")
}
`
	got := gitCalls(t, "bad.go", []byte(bad))
	want := []string{"bad.go:12", "bad.go:13", "bad.go:14", "bad.go:16"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("gitCalls = %v, want %v", got, want)
	}
	if got := gitCalls(t, "ok.go", []byte("package p\nfunc exec() {}\nfunc g() { exec() }\n")); len(got) != 0 {
		t.Errorf("no os/exec: %v", got)
	}
}

// gitCalls returns "file:line" of every os/exec Command or CommandContext
// call whose program is git: a string literal, or a constant or variable
// of the same file initialised with one.
func gitCalls(t *testing.T, name string, src []byte) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	execNames := map[string]bool{}
	for _, imp := range f.Imports {
		if path, _ := strconv.Unquote(imp.Path.Value); path == "os/exec" {
			n := "exec"
			if imp.Name != nil {
				n = imp.Name.Name
			}
			execNames[n] = true
		}
	}
	if len(execNames) == 0 {
		return nil
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok || !execNames[pkg.Name] {
			return true
		}
		arg := -1
		switch sel.Sel.Name {
		case "Command":
			arg = 0
		case "CommandContext":
			arg = 1
		}
		if arg < 0 || len(call.Args) <= arg {
			return true
		}
		if isGit(programOf(call.Args[arg])) {
			out = append(out, name+":"+strconv.Itoa(fset.Position(call.Pos()).Line))
		}
		return true
	})
	return out
}

// programOf returns the string a program argument is known to hold, or "".
func programOf(e ast.Expr) string {
	switch v := e.(type) {
	case *ast.BasicLit:
		s, _ := strconv.Unquote(v.Value)
		return s
	case *ast.Ident:
		if v.Obj == nil {
			return ""
		}
		switch d := v.Obj.Decl.(type) {
		case *ast.ValueSpec:
			for i, n := range d.Names {
				if n.Name == v.Name && i < len(d.Values) {
					return programOf(d.Values[i])
				}
			}
		case *ast.AssignStmt:
			for i, l := range d.Lhs {
				if id, ok := l.(*ast.Ident); ok && id.Name == v.Name && i < len(d.Rhs) {
					return programOf(d.Rhs[i])
				}
			}
		}
	}
	return ""
}

func isGit(program string) bool {
	base := program[strings.LastIndexAny(program, `/\`)+1:]
	return base == "git" || base == "git.exe"
}

// moduleRoot is the directory of the module's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || !strings.HasSuffix(gomod, "go.mod") {
		t.Fatalf("go env GOMOD = %q, %v", gomod, err)
	}
	return filepath.Dir(gomod)
}
