package templates

import (
	"strings"
	"testing"
)

func TestEnvExampleFromEnv(t *testing.T) {
	in := "# Local settings\n" +
		"OPENAI_API_KEY=sk-secret-1\n" +
		"export AWS_SECRET_ACCESS_KEY = \"secret 2\"\n" +
		"\n" +
		"# OLD_TOKEN=secret-3\n" +
		"# ghp_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\n" +
		"PRIVATE_KEY=\"-----BEGIN\n" +
		"secret-4\n" +
		"-----END\"\n" +
		"DEBUG=true # secret-5\n" +
		"garbage secret-6\n"
	want := "# Local settings\n" +
		"OPENAI_API_KEY=\n" +
		"export AWS_SECRET_ACCESS_KEY=\n" +
		"\n" +
		"# OLD_TOKEN=\n" +
		"#\n" +
		"PRIVATE_KEY=\n" +
		"DEBUG=\n"
	got := string(EnvExampleFromEnv([]byte(in)))
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(got, "secret") || strings.Contains(got, "ghp_") {
		t.Errorf("a value survived: %q", got)
	}
}

func FuzzEnvExampleFromEnv(f *testing.F) {
	f.Add([]byte("A=1\nexport B='x\ny'\n# C=3\n"))
	f.Add([]byte("K=\"unterminated\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out := string(EnvExampleFromEnv(b))
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			// Every non-comment line is a bare assignment.
			if !strings.HasSuffix(line, "=") || strings.Count(line, "=") != 1 {
				t.Fatalf("line %q keeps more than a name", line)
			}
		}
	})
}
