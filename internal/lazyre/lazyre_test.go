package lazyre

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func TestNew(t *testing.T) {
	re := New(`^a+$`)
	var wg sync.WaitGroup
	got := make([]*regexp.Regexp, 8)
	for i := range got {
		wg.Go(func() { got[i] = re() })
	}
	wg.Wait()
	for _, r := range got {
		if r != got[0] {
			t.Fatal("concurrent first calls compiled the expression twice")
		}
	}
	if !re().MatchString("aaa") || re().MatchString("ab") {
		t.Errorf("%v matches the wrong strings", re())
	}
}

func TestNewPanicsAtFirstUse(t *testing.T) {
	re := New(`(`) // does not panic: nothing is compiled yet
	defer func() {
		if recover() == nil {
			t.Error("an expression that does not compile did not panic at its first use")
		}
	}()
	re()
}

// TestEveryExpressionCompiles compiles every expression the module's
// source (tests included) hands to New: a typo must fail the tests, as it
// failed every start when the packages used regexp.MustCompile.
func TestEveryExpressionCompiles(t *testing.T) {
	root := moduleRoot(t)
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			exprs, errs := packageExprs(p)
			for _, e := range errs {
				t.Error(e)
			}
			for _, e := range exprs {
				n++
				if _, err := regexp.Compile(e.expr); err != nil {
					t.Errorf("%s: %v", e.pos, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The module declares about 145 expressions this way; far fewer
	// means the scan went wrong.
	if n < 120 {
		t.Errorf("found %d expressions given to lazyre.New, want at least 120", n)
	}
}

// TestScanFindsMistakes keeps TestEveryExpressionCompiles honest: it must
// see an expression that does not compile, evaluate constants, and refuse
// an argument that is not a constant.
func TestScanFindsMistakes(t *testing.T) {
	dir := t.TempDir()
	src := `package p

import "github.com/git-repro/git-repro/internal/lazyre"

const word = "a" + ` + "`b`" + `

var (
	okRe    = lazyre.New(` + "`^`" + ` + word + "$")
	badRe   = lazyre.New("(" + word)
	dynamic = func(s string) any { return lazyre.New(s) }
)
`
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	exprs, errs := packageExprs(dir)
	var got []string
	for _, e := range exprs {
		got = append(got, e.expr)
	}
	if strings.Join(got, " ") != "^ab$ (ab" {
		t.Errorf("expressions %q, want [^ab$ (ab]", got)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "not a constant") {
		t.Errorf("errors %v, want one for the argument that is not a constant", errs)
	}
}

type foundExpr struct {
	pos  token.Position
	expr string
}

// packageExprs returns the arguments of every lazyre.New call in the Go
// files of dir, evaluated with the string constants those files declare.
func packageExprs(dir string) ([]foundExpr, []error) {
	fset := token.NewFileSet()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var parsed []*ast.File
	consts := map[string]ast.Expr{}
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, []error{err}
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.CONST {
				for _, s := range gd.Specs {
					vs := s.(*ast.ValueSpec)
					for i, v := range vs.Values {
						consts[vs.Names[i].Name] = v
					}
				}
			}
		}
	}
	var found []foundExpr
	var errs []error
	for _, f := range parsed {
		name := ""
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == "github.com/git-repro/git-repro/internal/lazyre" {
				name = "lazyre"
				if imp.Name != nil {
					name = imp.Name.Name
				}
			}
		}
		if name == "" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "New" || !isIdent(sel.X, name) {
				return true
			}
			pos := fset.Position(call.Pos())
			if s, ok := constString(call.Args[0], consts, 0); ok {
				found = append(found, foundExpr{pos, s})
			} else {
				errs = append(errs, fmt.Errorf("%s: lazyre.New's argument is not a constant string, so no test can compile it", pos))
			}
			return true
		})
	}
	return found, errs
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// constString evaluates a string constant expression: literals, "+",
// parentheses and the names of constants in consts.
func constString(e ast.Expr, consts map[string]ast.Expr, depth int) (string, bool) {
	if depth > 20 {
		return "", false
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.ParenExpr:
		return constString(e.X, consts, depth+1)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := constString(e.X, consts, depth+1)
		y, ok2 := constString(e.Y, consts, depth+1)
		return x + y, ok1 && ok2
	case *ast.Ident:
		if v, ok := consts[e.Name]; ok {
			return constString(v, consts, depth+1)
		}
	}
	return "", false
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}
