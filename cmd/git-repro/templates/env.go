package templates

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/rules/secrets"
)

// EnvExampleFromEnv turns .env content into a .env.example: every
// variable is kept with its value removed ("KEY="), as are comments and
// blank lines; commented-out assignments lose their values too, and
// multi-line quoted values are dropped entirely. No byte of a value
// survives.
func EnvExampleFromEnv(content []byte) []byte {
	var out bytes.Buffer
	lines := strings.Split(strings.ReplaceAll(string(content), "\r\n", "\n"), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var openQuote byte // inside a multi-line quoted value
	for _, line := range lines {
		if openQuote != 0 {
			if strings.IndexByte(line, openQuote) >= 0 {
				openQuote = 0
			}
			continue
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "":
			out.WriteString("\n")
		case strings.HasPrefix(t, "#"):
			body := strings.TrimSpace(strings.TrimLeft(t, "#"))
			if name, ok := secrets.EnvAssignment(body); ok {
				fmt.Fprintf(&out, "# %s=\n", envKey(body, name))
			} else if looksLikeValue(body) {
				out.WriteString("#\n")
			} else {
				out.WriteString(t + "\n")
			}
		default:
			name, ok := secrets.EnvAssignment(t)
			if !ok {
				continue // not an assignment: may be part of a value
			}
			fmt.Fprintf(&out, "%s=\n", envKey(t, name))
			_, val, _ := strings.Cut(t, "=")
			val = strings.TrimSpace(val)
			if len(val) > 0 && (val[0] == '"' || val[0] == '\'') && strings.IndexByte(val[1:], val[0]) < 0 {
				openQuote = val[0]
			}
		}
	}
	return out.Bytes()
}

// envKey keeps an "export " prefix.
func envKey(line, key string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "export") {
		return "export " + key
	}
	return key
}

var secretish = lazyre.New(`[A-Za-z0-9+/_\-]{20,}`)

// looksLikeValue reports whether a comment might hold a credential (a long
// token), so that it is blanked rather than copied.
func looksLikeValue(s string) bool { return secretish().MatchString(s) }
