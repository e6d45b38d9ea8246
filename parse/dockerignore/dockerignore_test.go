package dockerignore

import (
	"strings"
	"testing"

	"github.com/moby/patternmatcher"
)

func TestExcluded(t *testing.T) {
	f := Parse([]byte("\uFEFF# comment\n/.git\n**/__pycache__\ndata\n!data/keep.csv\n*.pt\n\n  /models/  \n!models/small.pt\n"))
	if len(f.Errors) != 0 {
		t.Fatal(f.Errors)
	}
	for p, want := range map[string]bool{
		".git":                  true,
		".git/config":           true,
		"src/__pycache__/a.pyc": true,
		"__pycache__/a.pyc":     true,
		"data/train.csv":        true,
		"data/keep.csv":         false, // exception
		"data":                  true,
		"model.pt":              true,
		"sub/model.pt":          false, // "*.pt" matches at the root only
		"models/big.bin":        true,
		"models/small.pt":       false,
		"src/app.py":            false,
		"requirements.txt":      false,
		"database/x":            false,
		".":                     false,
	} {
		if got := f.Excluded(p); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", p, got, want)
		}
	}
	if p, ok := f.ExcludedBy("data/train.csv"); !ok || p.Line != 4 || p.Text != "data" {
		t.Errorf("ExcludedBy = %+v %v", p, ok)
	}
	if p, ok := f.ExcludedBy("models/x/y"); !ok || p.Line != 8 || p.Text != "models" {
		t.Errorf("ExcludedBy = %+v %v", p, ok)
	}
	if _, ok := f.ExcludedBy("src/app.py"); ok {
		t.Error("ExcludedBy of an included path")
	}
	if !f.Exclusions() {
		t.Error("Exclusions")
	}
}

func TestDoubleStarAndErrors(t *testing.T) {
	f := Parse([]byte("**/*.pkl\n[\n!\nsrc/**/tmp\n"))
	if len(f.Errors) != 2 || f.Errors[0].Line != 2 || f.Errors[1].Line != 3 {
		t.Fatalf("errors = %v", f.Errors)
	}
	for p, want := range map[string]bool{
		"a.pkl": true, "x/y/z.pkl": true, "src/tmp/a": true, "src/a/b/tmp/c": true, "tmp/a": false,
	} {
		if got := f.Excluded(p); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", p, got, want)
		}
	}
	var nilFile *File
	if nilFile.Excluded("x") || nilFile.Exclusions() {
		t.Error("a nil File excludes nothing")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{".git\n!a\n**/x", "[", "!\n", "a/**/b\n!a/c/b", "\\\n", "../x\n/\n"} {
		f.Add(s, "a/b/c")
	}
	f.Fuzz(func(t *testing.T, src, p string) {
		ig := Parse([]byte(src))
		ex := ig.Excluded(p)
		pat, ok := ig.ExcludedBy(p)
		if ok != ex {
			t.Fatalf("Excluded=%v but ExcludedBy=%v", ex, ok)
		}
		if ok && pat.Exception() {
			t.Fatalf("ExcludedBy returned an exception %+v", pat)
		}
	})
}

// Excluded (with per-directory caching) agrees with patternmatcher's
// plain MatchesOrParentMatches on every path.
func FuzzExcludedMatchesPatternmatcher(f *testing.F) {
	f.Add("data\n!data/keep\n**/*.pt\n", "data/keep/x.pt", "data/a")
	f.Add("a/**/b\n!a/c/b\n", "a/c/b/d", "a/x/b")
	f.Fuzz(func(t *testing.T, src, p1, p2 string) {
		ig := Parse([]byte(src))
		var texts []string
		for _, p := range ig.Patterns {
			texts = append(texts, p.Text)
		}
		pm, err := patternmatcher.New(texts)
		if err != nil {
			t.Skip()
		}
		for _, p := range []string{p1, p2, p1 + "/" + p2} {
			if p == "" || p == "." || strings.HasPrefix(p, "/") || strings.Contains(p, "//") || strings.HasSuffix(p, "/") {
				continue
			}
			want, err := pm.MatchesOrParentMatches(p)
			if err != nil {
				continue
			}
			if got := ig.Excluded(p); got != want {
				t.Fatalf("Excluded(%q) = %v, patternmatcher says %v (patterns %q)", p, got, want, texts)
			}
		}
	})
}
