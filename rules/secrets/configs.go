package secrets

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/ini"
	"github.com/git-repro/git-repro/rules/internal/wording"
	"github.com/git-repro/git-repro/snapshot"
)

// Credentials in the configuration files of tools: a DVC remote's keys in
// .dvc/config, a password in .pypirc, .netrc or a pip index URL, an npm
// token, an rclone remote, a docker login, an AWS credentials file. The
// files are recognised by name and read by key, so a file that holds only
// settings, or placeholders ("${AWS_SECRET_ACCESS_KEY}", "<your key>",
// "xxxx", "changeme"), is not reported. Some of these files belong in git
// without the secret (.dvc/config, .npmrc, pip.conf): their hint says
// where the secret goes instead; the others belong in the user's home
// directory and are removed from git.

// configSecret is one finding: where, what (key names, never values) and
// the fix.
type configSecret struct {
	line int
	key  string // the finding's key, for its fingerprint
	msg  string
	hint string
}

// placeholderRe matches values that stand for a secret without being one:
// references to the environment or a template ("${VAR}", "$VAR",
// "%(var)s", "{{ var }}"), "<...>" and "[...]" blanks, runs of x, *, .,
// 0 or -, "your..." and "...here", and words such as changeme, todo, none.
// AKIAIOSFODNN7EXAMPLE and its secret are AWS's documentation example.
var placeholderRe = lazyre.New(`(?i)^(?:\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\([^)]*\)|%\([^)]*\)s|%[A-Za-z_][A-Za-z0-9_]*%|\{\{.*\}\}|<.*>|\[.*\]|[x*.#0_-]+|your\b.*|your[-_].*|(?:insert|enter|put|add|replace)[-_ ].*|.*[-_ ]here|change[-_ ]?(?:me|it)|replace[-_]?me|todo|tbd|fixme|none|null|nil|undefined|placeholder|redacted|hidden|dummy|example|sample|secret|password|passwd|token|key|api[-_]?key|access[-_]?key|secret[-_]?key|foo|bar|test|AKIAIOSFODNN7EXAMPLE|wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY)$`)

// isPlaceholder reports whether a configuration value is empty or stands
// for a secret without being one.
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = strings.TrimSpace(v[1 : len(v)-1])
	}
	return v == "" || placeholderRe().MatchString(v)
}

// urlPassword reports whether a value holds a URL with a password that is
// not a placeholder (urlCredRe, urls.go).
func urlPassword(v string) bool {
	for _, m := range urlCredRe().FindAllStringSubmatch(v, -1) {
		if !isPlaceholder(m[3]) {
			return true
		}
	}
	return false
}

// configKind says which tool's configuration a file is, by its path; ""
// for none.
func configKind(p string) string {
	base := path.Base(p)
	dir := path.Base(path.Dir(p))
	switch {
	case dir == ".dvc" && (base == "config" || base == "config.local"):
		return "dvc"
	case base == ".pypirc":
		return "pypirc"
	case base == ".netrc" || base == "_netrc":
		return "netrc"
	case base == "pip.conf" || base == "pip.ini":
		return "pip"
	case base == ".npmrc":
		return "npmrc"
	case base == "rclone.conf" || base == ".rclone.conf":
		return "rclone"
	case base == "credentials" && dir == ".aws", dir == ".aws" && base == "config":
		return "aws"
	case base == "credentials" && path.Ext(base) == "":
		return "aws" // only its AWS keys are read
	case base == ".boto" || base == "boto.cfg" || base == ".s3cfg":
		return "aws"
	}
	return ""
}

// configSecrets reads a tool's configuration file for credentials.
func configSecrets(p *checks.Pass, f snapshot.FileInfo, kind string) []configSecret {
	b := readSmall(p, f, 1<<20)
	if b == nil {
		return nil
	}
	switch kind {
	case "dvc":
		return dvcSecrets(p, f.Path, b)
	case "pypirc":
		return keyedSecrets(p, f.Path, b, ini.ConfigParser, func(_, key string) (bool, bool) { return key == "password", false },
			"PyPI upload password",
			"twine reads it from ~/.pypirc, or from TWINE_USERNAME=__token__ and TWINE_PASSWORD in the environment (a CI secret); revoke the token on PyPI and make a new one")
	case "netrc":
		return netrcSecrets(p, f.Path, b)
	case "pip":
		return pipSecrets(f.Path, b)
	case "npmrc":
		return npmrcSecrets(f.Path, b)
	case "rclone":
		return keyedSecrets(p, f.Path, b, ini.ConfigParser, func(_, key string) (bool, bool) { return rcloneSecretKeys[key], key == "access_key_id" },
			"rclone remote credentials",
			"rclone reads its configuration from ~/.config/rclone/rclone.conf (or RCLONE_CONFIG), and each option from RCLONE_CONFIG_<REMOTE>_<OPTION> in the environment; rotate the credentials")
	case "aws":
		return keyedSecrets(p, f.Path, b, ini.ConfigParser, func(_, key string) (bool, bool) { return awsSecretKeys[key], awsIDKeys[key] },
			"AWS access key",
			"the AWS CLI and SDKs read ~/.aws/credentials, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment, or a role (SSO, an instance profile); deactivate the key and make a new one: the history keeps it")
	}
	return nil
}

var (
	// rcloneSecretKeys are the options of rclone backends that hold a
	// secret (obscured passwords included: rclone reveals them).
	rcloneSecretKeys = map[string]bool{"secret_access_key": true, "session_token": true, "pass": true, "password": true,
		"password2": true, "token": true, "client_secret": true, "key": true, "sas_url": true, "service_account_credentials": true,
		"bearer_token": true, "key_pem": true, "key_file_pass": true}
	// awsSecretKeys are the secret halves of the AWS, boto and s3cmd keys;
	// awsIDKeys name the key, and are listed only beside a secret.
	awsSecretKeys = map[string]bool{"aws_secret_access_key": true, "aws_session_token": true, "secret_key": true,
		"gs_secret_access_key": true, "gs_oauth2_refresh_token": true}
	awsIDKeys = map[string]bool{"aws_access_key_id": true, "access_key": true, "gs_access_key_id": true}
)

// keyedSecrets reports an INI file whose options hold secrets (secret
// says which key is one, and which names one): one finding at the first,
// naming the sections and keys.
func keyedSecrets(p *checks.Pass, fp string, b []byte, d ini.Dialect, secret func(section, key string) (isSecret, isID bool), what, instead string) []configSecret {
	f := ini.Parse(string(b), d)
	line := 0
	var keys []string
	for _, s := range f.Sections {
		var found []*ini.Option // the section's credential keys, ids first
		secrets := 0
		for _, o := range s.Options {
			isSecret, isID := secret(s.Name, o.Key)
			switch {
			case isID && !isPlaceholder(o.Value()):
				found = append([]*ini.Option{o}, found...)
			case isSecret && !isPlaceholder(o.Value()):
				found = append(found, o)
				secrets++
			}
		}
		if secrets == 0 {
			continue
		}
		for _, o := range found {
			if line == 0 || o.Line < line {
				line = o.Line
			}
			keys = append(keys, fmt.Sprintf("[%s] %s", s.Name, o.Key))
		}
	}
	if line == 0 {
		return nil
	}
	return []configSecret{{
		line: line, key: "credentials",
		msg:  fmt.Sprintf("%q is a credentials file (%s: %s) committed to git", fp, what, strings.Join(keys, ", ")),
		hint: fmt.Sprintf("git rm --cached %q && %s; %s", fp, wording.AppendToIgnore(p.Tree, ".gitignore", path.Base(fp)), instead),
	}}
}

// dvcSecretKeys are the options of a DVC remote that hold a secret (the
// S3, Azure, Google Drive, OSS, SSH, HTTP, WebDAV and HDFS remotes);
// dvcIDKeys name a key and are listed only beside its secret.
var (
	dvcSecretKeys = map[string]bool{"secret_access_key": true, "session_token": true, "password": true, "passphrase": true,
		"token": true, "gdrive_client_secret": true, "connection_string": true, "account_key": true, "sas_token": true,
		"client_secret": true, "oss_key_secret": true}
	dvcIDKeys = map[string]bool{"access_key_id": true, "oss_key_id": true}
)

// dvcSecrets reads .dvc/config (or a committed .dvc/config.local) as
// configobj does: one finding per remote whose options, or whose URL,
// hold a credential.
func dvcSecrets(p *checks.Pass, fp string, b []byte) []configSecret {
	local := path.Base(fp) == "config.local"
	var out []configSecret
	for _, s := range ini.Parse(string(b), ini.ConfigObj).Sections {
		rest, ok := strings.CutPrefix(s.Name, "remote ")
		if !ok {
			continue
		}
		remote := strings.Trim(strings.TrimSpace(rest), `"'`)
		line, idLine := 0, 0
		var keys, ids []string
		s3 := false
		for _, o := range s.Options {
			v := o.Value()
			if o.Key == "url" && strings.HasPrefix(v, "s3://") {
				s3 = true
			}
			switch {
			case dvcIDKeys[o.Key] && !isPlaceholder(v):
				ids = append(ids, o.Key)
				if idLine == 0 {
					idLine = o.Line
				}
			case dvcSecretKeys[o.Key] && !isPlaceholder(v), o.Key == "url" && urlPassword(v):
				if line == 0 {
					line = o.Line
				}
				name := o.Key
				if name == "url" {
					name = "the password in url"
				}
				keys = append(keys, name)
			}
		}
		if line == 0 {
			continue
		}
		keys = append(ids, keys...)
		if idLine > 0 && idLine < line {
			line = idLine
		}
		names := strings.Join(keys, ", ")
		if local {
			out = append(out, configSecret{
				line: line, key: "credentials:" + remote,
				msg: fmt.Sprintf("%q holds the credentials of the DVC remote %q (%s) and is committed: it is DVC's local configuration, for this machine only, and every clone and the history have it now", fp, remote, names),
				hint: fmt.Sprintf("git rm --cached %q, and keep /config.local in %s (DVC writes it there); rotate the credentials: the history keeps them",
					fp, path.Join(path.Dir(fp), ".gitignore")),
			})
			continue
		}
		var set, unset []string
		for _, k := range keys {
			if k == "the password in url" {
				continue
			}
			set = append(set, fmt.Sprintf("dvc remote modify --local %s %s <value>", remote, k))
			unset = append(unset, fmt.Sprintf("dvc remote modify --unset %s %s", remote, k))
		}
		fix := ""
		if len(set) > 0 {
			fix = fmt.Sprintf("move them to .dvc/config.local, which DVC's own .dvc/.gitignore keeps out of git: %s, then remove them from %q: %s", strings.Join(set, " && "), fp, strings.Join(unset, " && "))
		}
		if strings.Contains(names, "the password in url") {
			if fix != "" {
				fix += "; "
			}
			fix += fmt.Sprintf("take the user and password out of the url and set them with dvc remote modify --local %s user <name> && dvc remote modify --local %s password <value>", remote, remote)
		}
		if s3 {
			fix += "; or set none and let DVC take the key from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or ~/.aws/credentials"
		}
		out = append(out, configSecret{
			line: line, key: "credentials:" + remote,
			msg:  fmt.Sprintf("%q holds the credentials of the DVC remote %q (%s): the file is committed, so every clone and the history have them", fp, remote, names),
			hint: fix + "; rotate the credentials: the history keeps them",
		})
	}
	return out
}

// netrcSecrets reads .netrc tokens: a "password" whose value is not a
// placeholder.
func netrcSecrets(p *checks.Pass, fp string, b []byte) []configSecret {
	for i, line := range strings.Split(string(b), "\n") {
		fields := strings.Fields(line)
		for k := 0; k+1 < len(fields); k++ {
			if fields[k] == "password" && !isPlaceholder(fields[k+1]) {
				return []configSecret{{
					line: i + 1, key: "credentials",
					msg:  fmt.Sprintf("%q is a credentials file (netrc login) committed to git", fp),
					hint: fmt.Sprintf("git rm --cached %q && %s; keep it in ~/.netrc, where curl, pip and git look for it; change the password", fp, wording.AppendToIgnore(p.Tree, ".gitignore", path.Base(fp))),
				}}
			}
		}
	}
	return nil
}

// pipSecrets reads pip.conf: an index URL with a password.
func pipSecrets(fp string, b []byte) []configSecret {
	for _, s := range ini.Parse(string(b), ini.ConfigParser).Sections {
		for _, o := range s.Options {
			for _, l := range o.Lines {
				if urlPassword(l.Text) {
					return []configSecret{{
						line: l.N, key: "credentials",
						msg:  fmt.Sprintf("%q gives [%s] %s a URL with a password: the file is committed, so every clone and the history have it", fp, s.Name, o.Key),
						hint: "take the user and password out of the URL: pip finds them in keyring or ~/.netrc for that host, or give the whole URL at install time in PIP_INDEX_URL / PIP_EXTRA_INDEX_URL (a CI or Docker build secret); change the password",
					}}
				}
			}
		}
	}
	return nil
}

// npmrcSecrets reads .npmrc: an _authToken, _auth or _password that is not
// a reference to the environment.
func npmrcSecrets(fp string, b []byte) []configSecret {
	for _, s := range ini.Parse(string(b), ini.ConfigObj).Sections {
		for _, o := range s.Options {
			name := o.Key[strings.LastIndexByte(o.Key, ':')+1:]
			if (name == "_authToken" || name == "_auth" || name == "_password") && !isPlaceholder(o.Value()) {
				return []configSecret{{
					line: o.Line, key: "credentials",
					msg:  fmt.Sprintf("%q holds an npm registry token (%s): the file is committed, so every clone and the history have it", fp, name),
					hint: fmt.Sprintf("write %s=${NPM_TOKEN} instead (npm reads the environment variable) and set NPM_TOKEN in the environment or as a CI secret; revoke the token and make a new one", o.Key),
				}}
			}
		}
	}
	return nil
}

// dockerAuthRe finds the login entries of a docker config.json.
var dockerAuthRe = lazyre.New(`"(?:auth|identitytoken|registrytoken|password)"\s*:`)

// dockerAuthLine returns the line of the first registry login of a docker
// client configuration (config.json's "auths", or the older .dockercfg),
// 0 if it holds none.
func dockerAuthLine(base string, b []byte) int {
	var doc map[string]json.RawMessage
	if json.Unmarshal(b, &doc) != nil {
		return 0
	}
	entries := map[string]map[string]any{}
	if raw, ok := doc["auths"]; ok {
		if json.Unmarshal(raw, &entries) != nil {
			return 0
		}
	} else if base == ".dockercfg" {
		for host, raw := range doc {
			var e map[string]any
			if json.Unmarshal(raw, &e) == nil {
				entries[host] = e
			}
		}
	}
	for _, e := range entries {
		for _, k := range []string{"auth", "identitytoken", "registrytoken", "password"} {
			if s, ok := e[k].(string); ok && !isPlaceholder(s) {
				start := bytes.Index(b, []byte(`"auths"`))
				loc := dockerAuthRe().FindIndex(b[max(start, 0):])
				if loc == nil {
					return 1
				}
				return 1 + bytes.Count(b[:max(start, 0)+loc[0]], []byte("\n"))
			}
		}
	}
	return 0
}

// jsonSecret reports whether a JSON document holds key, at any depth,
// with a value that is not a placeholder (a template kaggle.json with
// "key": "" is not a token); a document that does not parse is taken to
// hold it.
func jsonSecret(b []byte, key string) bool {
	var doc any
	if json.Unmarshal(b, &doc) != nil {
		return true
	}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if s, ok := e.(string); ok && k == key && !isPlaceholder(s) {
					return true
				}
				if walk(e) {
					return true
				}
			}
		case []any:
			for _, e := range v {
				if walk(e) {
					return true
				}
			}
		}
		return false
	}
	return walk(doc)
}
