package scorecard

import (
	"regexp"
	"strings"
)

// fromStage is one FROM of a Dockerfile.
type fromStage struct {
	Index int
	Name  string // "AS" name, lower-cased
	Image string // with the ARG defaults declared before the first FROM substituted
	// Parent is set when Image names an earlier stage.
	Parent bool
	Line   int
}

var argRefRe = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// parseFROM reads the FROM lines of a Dockerfile: enough for the
// environment diff (which base images changed). It joins "\" continuation
// lines, skips comments and heredoc bodies only as far as they do not start
// with FROM, and substitutes the defaults of ARGs declared before the first
// FROM. It never fails.
func parseFROM(src []byte) []fromStage {
	var out []fromStage
	args := map[string]string{}
	stages := map[string]bool{}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		start := i + 1
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for strings.HasSuffix(line, "\\") && i+1 < len(lines) {
			i++
			next := strings.TrimSpace(lines[i])
			if strings.HasPrefix(next, "#") {
				next = ""
			}
			line = strings.TrimSuffix(line, "\\") + " " + next
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		switch strings.ToUpper(f[0]) {
		case "ARG":
			if len(out) > 0 {
				continue // only ARGs before the first FROM apply to FROM lines
			}
			for _, kv := range f[1:] {
				k, v, _ := strings.Cut(kv, "=")
				args[k] = strings.Trim(v, `"'`)
			}
		case "FROM":
			rest := f[1:]
			for len(rest) > 0 && strings.HasPrefix(rest[0], "--") {
				rest = rest[1:]
			}
			if len(rest) == 0 {
				continue
			}
			img := argRefRe.ReplaceAllStringFunc(rest[0], func(m string) string {
				sm := argRefRe.FindStringSubmatch(m)
				name := sm[1] + sm[3]
				if v, ok := args[name]; ok && v != "" {
					return v
				}
				if strings.HasPrefix(sm[2], ":-") || strings.HasPrefix(sm[2], "-") {
					return strings.TrimLeft(sm[2], ":-")
				}
				return m
			})
			st := fromStage{Index: len(out), Image: img, Parent: stages[strings.ToLower(img)], Line: start}
			if len(rest) >= 3 && strings.EqualFold(rest[1], "as") {
				st.Name = strings.ToLower(rest[2])
				stages[st.Name] = true
			}
			out = append(out, st)
		}
	}
	return out
}
