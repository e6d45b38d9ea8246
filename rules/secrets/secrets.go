package secrets

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/rules/internal/wording"
	"github.com/git-repro/git-repro/snapshot"
)

// Family is the secrets family: committed .env files, private keys and
// cloud credentials, and .env files that .gitignore does not keep out.
// The secrets: section of .repro.yaml configures it.
var Family = checks.Family{Name: "secrets", Rules: rules, Settings: settings}

// settings is the secrets: section of .repro.yaml.
var settings = checks.SectionOf[Config]("secrets")

// Config is the secrets: section of .repro.yaml.
type Config struct {
	// Allow lists globs of files that may hold key material, e.g. test
	// fixtures with throwaway keys ("tests/fixtures/**").
	Allow []string `yaml:"allow"`
}

// Secret findings never quote a secret: messages name the file, the line
// and the kind of secret, never a value.

var rules = []*checks.Rule{
	{
		ID: "REPRO-SECRET-001", Category: checks.CatSecrets, Severity: checks.Error,
		Title: "environment file committed",
		Doc: `.env files (and .env.local, .env.production, ...) hold API keys, database
passwords and tokens for python-dotenv, docker compose and friends. Once committed
they are in every clone and in the history even after deletion. Commit a
.env.example with the variable names and no values instead (.env.example,
.env.sample and .env.template are allowed).`,
		Remediation: "`git rm --cached .env && echo .env >> .gitignore`, rotate every credential it held, and commit a .env.example without values (`git repro init --env-example`)",
		Run:         runEnvCommitted,
	},
	{
		ID: "REPRO-SECRET-002", Category: checks.CatSecrets, Severity: checks.Error,
		Title: "private key committed",
		Doc: `A private key (id_rsa, a .pem or .key file, a PEM "PRIVATE KEY" block in any
file, a cloud service-account JSON with "private_key") lets anyone who clones the
repository act as its owner. .pem files holding only certificates or public keys
are fine.`,
		Remediation: "remove the file from git (`git rm --cached PATH`), purge it from the history if it was pushed, and revoke the key",
		Run:         runPrivateKeys,
	},
	{
		ID: "REPRO-SECRET-003", Category: checks.CatSecrets, Severity: checks.Error,
		Title: "credentials file committed",
		Doc: `Files such as kaggle.json (the Kaggle API token ML projects use to download
data), .netrc and .pypirc with a password, Google OAuth client secrets
(credentials.json, client_secret*.json), .git-credentials and key stores (.p12,
.pfx, .jks) carry credentials. So do the configuration files of tools when they
hold a credential: a DVC remote's keys in .dvc/config (access_key_id and
secret_access_key, session_token, password, Azure connection_string, account_key
and sas_token, gdrive_client_secret, ... or a password in its url), an index URL
with a password in pip.conf, an npm token in .npmrc, an rclone remote's keys in
rclone.conf, a registry login in a docker config.json, AWS keys in an AWS
credentials file, .boto or .s3cfg. These files are read by key: values that are
empty or placeholders (${VAR}, <your key>, xxxx, changeme) are not credentials.
.dvc/config, pip.conf and .npmrc belong in git without the secret; the finding
says where the secret goes instead (dvc remote modify --local writes
.dvc/config.local, which DVC's own .dvc/.gitignore keeps out of git).`,
		Remediation: "remove it from git (`git rm --cached PATH`), ignore it, rotate the credential, and read it from the environment or the tool's own config directory (e.g. ~/.kaggle/kaggle.json); a tool configuration that belongs in git keeps its settings and loses only the secret",
		Run:         runCredentialFiles,
	},
	{
		ID: "REPRO-SECRET-004", Category: checks.CatSecrets, Severity: checks.Warning,
		Title: ".env not ignored while dotenv is used",
		Doc: `The project reads secrets from a .env file (load_dotenv, dotenv_values, or a
.env.example template), but .gitignore does not exclude .env, so the next "git add
." commits it.`,
		Remediation: "add `.env` to .gitignore: `echo .env >> .gitignore`",
		Run:         runDotenvNotIgnored,
	},
	{
		ID: "REPRO-SECRET-005", Category: checks.CatSecrets, Severity: checks.Error,
		Title: "credentials in a URL",
		Doc: `A URL with a password or token in its user information ("https://deploy:TOKEN@pkgs.example.com/simple",
"git clone https://oauth2:TOKEN@gitlab.com/group/repo") hands the credential to everyone who
can read the repository and its history. The files that hold install and fetch
commands and their settings are read: requirements files, pyproject.toml, Pipfile,
Dockerfiles, compose files, CI workflows, shell scripts, Makefiles, Markdown docs and
notebooks; Python sources are not. A password expanded at run time ($TOKEN,
${{ secrets.X }}, {{ var }}), a placeholder (<token>, xxxx, TOKEN, your_password) and
hosts only the machine or a compose network resolves (localhost, private addresses, a
service name such as "db", reserved example domains) are not reported. The message
names the host and the user, never the password.`,
		Remediation: "remove the credential from the URL, give it at run time (environment variable, ~/.netrc, keyring, CI secret store, docker build secret), and revoke it",
		Run:         runURLCredentials,
	},
}

// secretsAllow compiles secrets.allow once per run.
func secretsAllow(p *checks.Pass, f string) bool {
	g := p.Memo("secrets-allow", func() any {
		g, _ := checks.NewGlobs(settings.Get(p.Config).Allow)
		return g
	}).(checks.Globs)
	return g.Match(f)
}

var envTemplateSuffixes = []string{".example", ".sample", ".template", ".dist", ".tmpl", ".tpl"}

// IsEnvFile reports whether p is a dotenv file that must not be committed
// (.env, .env.local, ...; not .env.example, .env.sample, .env.template).
func IsEnvFile(p string) bool {
	b := strings.ToLower(path.Base(p))
	if b == ".env" {
		return true
	}
	if !strings.HasPrefix(b, ".env.") {
		return false
	}
	return !isEnvTemplate(b)
}

func isEnvTemplate(b string) bool {
	b = strings.ToLower(path.Base(b))
	if !strings.HasPrefix(b, ".env.") && b != ".env" {
		return false
	}
	for _, s := range envTemplateSuffixes {
		if strings.HasSuffix(b, s) {
			return true
		}
	}
	return false
}

// envAssignRe matches a dotenv assignment: [export] NAME=...
var envAssignRe = lazyre.New(`^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.\-]*)\s*=`)

// EnvAssignment returns the variable a dotenv line assigns ("NAME=...",
// "export NAME = ..."), and false when the line assigns none. "git repro
// init --env-example" keeps exactly these names.
func EnvAssignment(line string) (string, bool) {
	if m := envAssignRe().FindStringSubmatch(line); m != nil {
		return m[1], true
	}
	return "", false
}

// envSecretName matches variable names that hold credentials; the names
// of settings (PYTHONPATH, CUDA_VISIBLE_DEVICES, TOKENIZERS_PARALLELISM)
// do not match.
var envSecretName = lazyre.New(`(?i)(^|_)(key|apikey|api_key|token|secret|passw(or)?d|pwd|pass|credentials?|auth|private|dsn|session|cookie|cert|signature|sas|conn(ection)?_?string)($|_)`)

// envSecretValue matches values that carry a credential whatever the
// name: a URL with a password, a PEM block, or a long token-like string.
var envSecretValue = lazyre.New(`://[^/\s:@]+:[^/\s@]+@|-----BEGIN|[A-Za-z0-9_\-+/=]{32,}`)

// readSmall reads a target of at most maxBytes that is not an LFS pointer.
func readSmall(p *checks.Pass, f snapshot.FileInfo, maxBytes int64) []byte {
	if f.LFS != nil || f.Size > maxBytes {
		return nil
	}
	b, err := p.Tree.ReadFile(f.Path)
	if err != nil {
		return nil
	}
	return b
}

func runEnvCommitted(p *checks.Pass) {
	for _, f := range p.Targets {
		if !IsEnvFile(f.Path) || secretsAllow(p, f.Path) {
			continue
		}
		vars, secretLike := 0, 0
		var names []string
		b := readSmall(p, f, 1<<20)
		for _, line := range strings.Split(string(b), "\n") {
			if m := envAssignRe().FindStringSubmatch(line); m != nil {
				vars++
				names = append(names, m[1])
				if envSecretName().MatchString(m[1]) || envSecretValue().MatchString(line[len(m[0]):]) {
					secretLike++
				}
			}
		}
		if vars == 0 && f.Size > 0 && b != nil {
			continue // only comments: nothing secret in it
		}
		what := ""
		if vars > 0 {
			what = " (" + wording.Plural(vars, "variable") + ")"
		}
		example := path.Join(path.Dir(f.Path), ".env.example")
		msg := fmt.Sprintf("environment file %q%s is committed: its values are credentials that every clone and the history keep", f.Path, what)
		hint := fmt.Sprintf("git rm --cached %q && %s; rotate the credentials; commit %q with the names only (`git repro init --env-example`)", f.Path, wording.AppendToIgnore(p.Tree, ".gitignore", path.Base(f.Path)), example)
		if vars > 0 && secretLike == 0 && b != nil {
			// PYTHONPATH=src for an editor: nothing to rotate, but .env
			// is where the next API key goes, and it would be committed.
			if len(names) > 3 {
				names = append(names[:3], "...")
			}
			msg = fmt.Sprintf("environment file %q (%s) is committed: none of its values looks like a credential, but .env is where credentials go, so the next one added is committed too", f.Path, strings.Join(names, ", "))
			hint = fmt.Sprintf("git rm --cached %q && %s; commit the settings as %q (or set them in the tool's config) and copy it to %q locally", f.Path, wording.AppendToIgnore(p.Tree, ".gitignore", path.Base(f.Path)), example, path.Base(f.Path))
		}
		p.Report(checks.Diag{
			Pos:     checks.Pos{Path: f.Path},
			Message: msg,
			Hint:    hint,
			Key:     "env-file",
		})
	}
}

// privateKeyRe matches a PEM private key header followed by key material
// (a newline, or an escaped "\n" inside JSON, then base64 or PEM headers),
// so that code and docs that merely mention the header do not match.
var privateKeyRe = lazyre.New(`-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----(?:\r?\n|\\(?:r\\)?n)(?:Proc-Type:|Version:|Comment:|[A-Za-z0-9+/=]{16,})`)

// pemBlockRe matches any PEM header, to tell certificate-only .pem files.
var pemBlockRe = lazyre.New(`-----BEGIN ([A-Z0-9 ]+)-----`)

var keyFileNames = map[string]bool{"id_rsa": true, "id_dsa": true, "id_ecdsa": true, "id_ed25519": true, "id_ecdsa_sk": true, "id_ed25519_sk": true}

func runPrivateKeys(p *checks.Pass) {
	for _, f := range p.Targets {
		if secretsAllow(p, f.Path) || f.LFS != nil {
			continue
		}
		base := strings.ToLower(path.Base(f.Path))
		ext := path.Ext(base)
		named := keyFileNames[base] || ext == ".pem" || ext == ".key"
		sc := scanForSecrets(p, f)
		if !sc.read && !named {
			continue
		}
		if sc.keyLine > 0 {
			p.Report(checks.Diag{
				Pos:     checks.Pos{Path: f.Path, Line: sc.keyLine},
				Message: fmt.Sprintf("%q contains a private key (a PEM %q block): anyone with the repository can use it", f.Path, sc.keyKind),
				Key:     "private-key",
			})
			continue
		}
		if !named {
			continue
		}
		b := readSmall(p, f, 1<<20)
		if ext == ".pem" || ext == ".key" {
			// A .pem of certificates or public keys is not a secret; a
			// .pem without any readable PEM block (DER, encrypted
			// container) may well be one.
			blocks := pemBlockRe().FindAllSubmatch(b, -1)
			public := len(blocks) > 0
			for _, m := range blocks {
				t := string(m[1])
				if !strings.Contains(t, "CERTIFICATE") && !strings.Contains(t, "PUBLIC KEY") && t != "X509 CRL" {
					public = false
				}
			}
			if public {
				continue
			}
		}
		p.Report(checks.Diag{
			Pos:     checks.Pos{Path: f.Path},
			Message: fmt.Sprintf("%q is a private key file: anyone with the repository can use it", f.Path),
			Key:     "private-key-file",
		})
	}
}

// credentialFile says whether a file is a known credentials file, and why.
func credentialFile(base string, content func() []byte) (string, bool) {
	b := strings.ToLower(base)
	has := func(s string) bool { return bytes.Contains(bytes.ToLower(content()), []byte(s)) }
	switch {
	case b == "kaggle.json":
		return "Kaggle API token", has(`"key"`) && jsonSecret(content(), "key")
	case b == "credentials.json" || (strings.HasPrefix(b, "client_secret") && strings.HasSuffix(b, ".json")):
		return "OAuth client secret", has("client_secret") && jsonSecret(content(), "client_secret")
	case b == ".git-credentials":
		return "git credentials", true
	case strings.HasSuffix(b, ".p12") || strings.HasSuffix(b, ".pfx") || strings.HasSuffix(b, ".jks") || strings.HasSuffix(b, ".keystore"):
		return "key store", true
	}
	return "", false
}

func runCredentialFiles(p *checks.Pass) {
	for _, f := range p.Targets {
		if secretsAllow(p, f.Path) || f.LFS != nil {
			continue
		}
		if kind := configKind(f.Path); kind != "" {
			for _, c := range configSecrets(p, f, kind) {
				p.Report(checks.Diag{Pos: checks.Pos{Path: f.Path, Line: c.line}, Message: c.msg, Hint: c.hint, Key: c.key})
			}
			continue
		}
		base := path.Base(f.Path)
		if strings.HasSuffix(strings.ToLower(base), ".json") || base == ".dockercfg" {
			if sc := scanForSecrets(p, f); sc.dockerLine > 0 {
				p.Report(checks.Diag{
					Pos:     checks.Pos{Path: f.Path, Line: sc.dockerLine},
					Message: fmt.Sprintf("%q is a credentials file (docker registry login) committed to git", f.Path),
					Hint:    fmt.Sprintf("git rm --cached %q && %s; docker login keeps it in ~/.docker/config.json or a credential helper (credsStore), and CI logs in from a secret; change the registry password or token", f.Path, wording.AppendToIgnore(p.Tree, ".gitignore", base)),
					Key:     "credentials",
				})
				continue
			}
		}
		kind, ok := credentialFile(base, func() []byte { return readSmall(p, f, 1<<20) })
		if !ok {
			continue
		}
		p.Report(checks.Diag{
			Pos:     checks.Pos{Path: f.Path},
			Message: fmt.Sprintf("%q is a credentials file (%s) committed to git", f.Path, kind),
			Hint:    fmt.Sprintf("git rm --cached %q && %s; rotate the credential", f.Path, wording.AppendToIgnore(p.Tree, ".gitignore", path.Base(f.Path))),
			Key:     "credentials",
		})
	}
}

// secretScan is what one read of a file tells the secret rules: a full
// run reads every file of the repository, so each is read once for both
// the private-key and the dotenv rule.
type secretScan struct {
	read       bool   // the file was read (not an LFS pointer, not over the size limit)
	keyLine    int    // line of a PEM private key block, 0 if none
	keyKind    string // "RSA PRIVATE KEY", ...
	dotenvLine int    // for .py files: first line that uses python-dotenv
	dockerLine int    // for .json files: line of a docker registry login
}

func scanForSecrets(p *checks.Pass, f snapshot.FileInfo) secretScan {
	return p.Memo("secrets-scan:"+f.Path, func() any {
		var sc secretScan
		limit := int64(1 << 20)
		py := strings.HasSuffix(f.Path, ".py")
		if py {
			limit = 2 << 20
		}
		b := readSmall(p, f, limit)
		if b == nil {
			return sc
		}
		sc.read = true
		if int64(len(b)) <= 1<<20 && bytes.Contains(b, []byte("PRIVATE KEY")) {
			if loc := privateKeyRe().FindSubmatchIndex(b); loc != nil {
				sc.keyLine = 1 + bytes.Count(b[:loc[0]], []byte("\n"))
				sc.keyKind = strings.TrimSpace(string(b[loc[2]:loc[3]]) + "PRIVATE KEY")
			}
		}
		if base := path.Base(f.Path); (strings.HasSuffix(strings.ToLower(base), ".json") || base == ".dockercfg") && bytes.Contains(b, []byte(`"auth`)) {
			sc.dockerLine = dockerAuthLine(base, b)
		}
		if py && bytes.Contains(b, []byte("dotenv")) {
			for i, line := range strings.Split(string(b), "\n") {
				t := strings.TrimSpace(line)
				if strings.HasPrefix(t, "#") || !dotenvUseRe().MatchString(line) {
					continue
				}
				sc.dotenvLine = i + 1
				break
			}
		}
		return sc
	}).(secretScan)
}

// dotenvUseRe finds python-dotenv in code.
var dotenvUseRe = lazyre.New(`\b(?:load_dotenv|dotenv_values|find_dotenv)\s*\(|^\s*(?:from\s+dotenv\s+import|import\s+dotenv\b)`)

func runDotenvNotIgnored(p *checks.Pass) {
	reported := map[string]bool{}
	report := func(env string, pos checks.Pos, how string) {
		if reported[env] {
			return
		}
		reported[env] = true
		if !p.Tree.Ignored(env) {
			p.Report(checks.Diag{
				Pos:     pos,
				Message: fmt.Sprintf("%q is not ignored by .gitignore, but the project uses dotenv (%s): the next \"git add .\" commits its secrets", env, how),
				Hint:    wording.AppendToIgnore(p.Tree, path.Join(path.Dir(env), ".gitignore"), path.Base(env)),
				Key:     "dotenv:" + env,
			})
		}
	}
	// The line of code that loads the file is the better place to point
	// at than its template: code first, then templates.
	for _, f := range p.Targets {
		if !strings.HasSuffix(f.Path, ".py") {
			continue
		}
		if sc := scanForSecrets(p, f); sc.dotenvLine > 0 {
			report(".env", checks.Pos{Path: f.Path, Line: sc.dotenvLine}, fmt.Sprintf("%q loads it", f.Path))
		}
	}
	for _, f := range p.Targets {
		if isEnvTemplate(f.Path) {
			report(path.Join(path.Dir(f.Path), ".env"), checks.Pos{Path: f.Path}, fmt.Sprintf("%q is its template", f.Path))
		}
	}
}
