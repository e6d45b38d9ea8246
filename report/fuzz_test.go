package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
)

// FuzzWriters: any path, message and hint render in every format; JSON and
// SARIF stay valid JSON, a workflow command stays one line, and a markdown
// table row stays one line.
func FuzzWriters(f *testing.F) {
	f.Add("requirements.txt", "requirement \"numpy\" is not pinned", "pin it", 3, 1)
	f.Add("a b/c,d:e%.txt", "100%\r\nnext | <b>*x*</b> `y` [z](w)", "::error::x", 0, 0)
	f.Fuzz(func(t *testing.T, path, msg, hint string, line, col int) {
		fs := []checks.Finding{{Rule: "REPRO-DEP-001", Category: checks.CatDeps, Severity: checks.Warning,
			Path: path, Line: line, Column: col, Message: msg, Hint: hint, Fingerprint: "ab"}}
		for _, format := range Formats {
			var b bytes.Buffer
			if err := Write(&b, format, fs, Options{Rules: testRules, MaxBytes: 4096}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			out := b.String()
			switch format {
			case "json", "sarif":
				if !json.Valid(b.Bytes()) {
					t.Fatalf("%s: invalid JSON:\n%s", format, out)
				}
			case "github":
				if strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "::warning file=") {
					t.Fatalf("github: not one command line: %q", out)
				}
			case "markdown":
				for _, l := range strings.Split(out, "\n") {
					if strings.HasPrefix(l, "| warning |") && !strings.HasSuffix(l, " |") {
						t.Fatalf("markdown: broken row %q", l)
					}
				}
			}
		}
	})
}
