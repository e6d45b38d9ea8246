package secrets

import (
	"fmt"
	"net"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/workflow"
)

// Credentials written into a URL (REPRO-SECRET-005): a private package
// index in requirements.txt or a pip command ("--extra-index-url
// https://deploy:TOKEN@pkgs.example.com/simple"), a private repository
// cloned with a token ("git clone https://oauth2:TOKEN@gitlab.com/..."),
// a registry source in pyproject.toml or a Pipfile. The files read are
// the ones that hold install and fetch commands and their settings:
// requirements files, pyproject.toml, Pipfile, Dockerfiles, compose files,
// CI workflows, shell scripts, Makefiles, Markdown docs and notebooks.
// Python sources are not read (a database URI in a test or an example is
// rarely a deployment's secret), nor are hosts that only the machine
// itself or a compose network resolves (localhost, "db") and reserved
// example domains. A password that is expanded at run time ($TOKEN,
// ${{ secrets.X }}, %(var)s, {{ var }}) or a placeholder is not a secret.

// urlCredRe finds a URL's user information with a password: scheme,
// user, password and host (empty when the URL ends at the "@"). The tool
// configurations (urlPassword) and REPRO-SECRET-005 read URLs with it.
var urlCredRe = lazyre.New(`(?i)([a-z][a-z0-9+.-]*)://([^/\s:@]*):([^/\s@]+)@([^/\s:'"?#)\]>]*)`)

// credFile reports whether p is a file whose URLs REPRO-SECRET-005 reads.
func credFile(p string) bool {
	base := strings.ToLower(path.Base(p))
	ext := path.Ext(base)
	switch {
	case pipreq.IsRequirementsName(p), workflow.IsFile(p):
		return true
	case base == "pyproject.toml" || base == "pipfile" || base == ".gitlab-ci.yml" || base == "tox.ini":
		return true
	case base == "dockerfile" || base == "containerfile" || strings.HasPrefix(base, "dockerfile.") ||
		strings.HasSuffix(base, ".dockerfile"):
		return true
	case (strings.HasPrefix(base, "docker-compose") || strings.HasPrefix(base, "compose.")) && (ext == ".yml" || ext == ".yaml"):
		return true
	case ext == ".sh" || ext == ".bash" || base == "makefile" || base == "gnumakefile" || ext == ".mk":
		return true
	case ext == ".md" || ext == ".rst" || ext == ".ipynb":
		return true
	}
	return false
}

// urlCred is one URL with a password in a file.
type urlCred struct {
	line, col  int
	scheme     string
	user, host string
}

// urlCreds returns the URLs of b that carry a password which is not a
// placeholder or a run-time expansion, on hosts outside the machine.
func urlCreds(b []byte) []urlCred {
	var out []urlCred
	for i, line := range strings.Split(string(b), "\n") {
		if !strings.Contains(line, "@") || !strings.Contains(line, "://") {
			continue
		}
		for _, ix := range urlCredRe().FindAllStringSubmatchIndex(line, -1) {
			scheme, user, pass, host := strings.ToLower(line[ix[2]:ix[3]]), line[ix[4]:ix[5]], line[ix[6]:ix[7]], strings.ToLower(line[ix[8]:ix[9]])
			if runTimeValue(pass) || isPlaceholder(pass) || placeholderish(pass) || localHost(host) {
				continue
			}
			col := utf8.RuneCountInString(line[:ix[2]]) + 1
			out = append(out, urlCred{line: i + 1, col: col, scheme: scheme, user: user, host: host})
		}
	}
	return out
}

// runTimeValue reports a value expanded when the command or build runs:
// shell and make variables, GitHub expressions, Python %-formats and
// Jinja or Go templates.
func runTimeValue(v string) bool {
	return strings.ContainsAny(v, "$") || strings.Contains(v, "%(") || strings.Contains(v, "{{") ||
		strings.HasPrefix(v, "{") || strings.HasPrefix(v, "%")
}

// placeholderish reports passwords that stand for one in documentation:
// runs of x or *, "...", angle brackets, or a word such as "TOKEN",
// "PASSWORD" or "YOUR_TOKEN" in capitals.
func placeholderish(v string) bool {
	l := strings.ToLower(v)
	if strings.Contains(l, "xxx") || strings.Contains(v, "***") || strings.Contains(v, "...") || strings.ContainsAny(v, "<>") {
		return true
	}
	if strings.ToUpper(v) == v && strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-") == "" {
		return true // TOKEN, YOUR_PASSWORD, API-KEY: a name, not a value
	}
	for _, w := range []string{"password", "passwd", "token", "secret", "apikey", "api_key", "api-key"} {
		if (strings.HasPrefix(l, "your") || strings.HasPrefix(l, "my")) && strings.Contains(l, w) {
			return true // your_token, mypassword
		}
	}
	return false
}

// localHost reports hosts that resolve only on the machine or inside a
// compose network, and reserved example domains.
func localHost(h string) bool {
	if ip := net.ParseIP(strings.Trim(h, "[]")); ip != nil {
		return ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified()
	}
	if !strings.Contains(h, ".") || h == "localhost" {
		return true
	}
	for _, s := range []string{".localhost", ".local", ".internal", ".example", ".invalid", ".test", "example.com", "example.org", "example.net"} {
		if strings.HasSuffix(h, s) {
			return true
		}
	}
	return false
}

func runURLCredentials(p *checks.Pass) {
	for _, f := range p.Targets {
		if secretsAllow(p, f.Path) || f.LFS != nil || !credFile(f.Path) {
			continue
		}
		b := readSmall(p, f, 4<<20)
		if b == nil {
			continue
		}
		seen := map[int]bool{}
		for _, c := range urlCreds(b) {
			if seen[c.line] {
				continue // one finding per line
			}
			seen[c.line] = true
			who := "a password"
			if c.user != "" {
				who = fmt.Sprintf("the password or token of %q", c.user)
			}
			p.Report(checks.Diag{Pos: checks.Pos{Path: f.Path, Line: c.line, Col: c.col},
				Message: fmt.Sprintf("a %s URL for %s carries %s: everyone who can read the repository or its history can use it", c.scheme, c.host, who),
				Hint:    urlCredHint(f.Path),
				Key:     "url-credentials:" + c.host,
			})
		}
	}
}

// urlCredHint says where the credential goes instead, for the kind of
// file it was found in.
func urlCredHint(p string) string {
	base := strings.ToLower(path.Base(p))
	const rotate = "; revoke the credential and make a new one, since the history keeps it"
	switch {
	case pipreq.IsRequirementsName(p):
		return "write the URL without the credential and give pip the credential at install time: PIP_EXTRA_INDEX_URL / PIP_INDEX_URL from the environment, keyring, or ~/.netrc (requirements files also expand ${VAR})" + rotate
	case workflow.IsFile(p) || base == ".gitlab-ci.yml":
		return "keep the credential in the CI secret store and expand it at run time (${{ secrets.NAME }}, a masked CI variable)" + rotate
	case strings.Contains(base, "dockerfile") || base == "containerfile":
		return "pass it as a build secret, not in the Dockerfile: RUN --mount=type=secret,id=netrc,target=/root/.netrc pip install ..., with docker build --secret id=netrc,src=$HOME/.netrc" + rotate
	case base == "pyproject.toml" || base == "pipfile":
		return "name the index without the credential and let the tool read it at run time (uv: UV_INDEX_<NAME>_USERNAME/PASSWORD; Poetry: poetry config http-basic.<name>; Pipenv: ${VAR} in the url)" + rotate
	}
	return "read the credential from the environment when the command runs ($TOKEN) or from ~/.netrc or a credential helper" + rotate
}
