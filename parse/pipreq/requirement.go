package pipreq

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// Kind says what a requirement points at.
type Kind int

// Kinds of requirement.
const (
	// KindName is a PEP 508 requirement by name: "numpy>=1.0; marker".
	KindName Kind = iota
	// KindURL is a direct URL to an archive or wheel ("name @ url" or a
	// bare URL).
	KindURL
	// KindVCS is a version-control URL ("git+https://host/repo@ref").
	KindVCS
	// KindPath is a local directory, archive or wheel (also file: URLs).
	KindPath
)

func (k Kind) String() string {
	switch k {
	case KindName:
		return "name"
	case KindURL:
		return "url"
	case KindVCS:
		return "vcs"
	case KindPath:
		return "path"
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Specifier is one PEP 440 version clause, e.g. {">=", "2.0"}.
type Specifier struct {
	Op      string // "==", "===", "!=", "~=", ">=", "<=", ">", "<"
	Version string // as written, e.g. "2.8.*"
}

func (s Specifier) String() string { return s.Op + s.Version }

// Wildcard reports whether the specifier is a prefix match ("==2.8.*").
func (s Specifier) Wildcard() bool { return strings.HasSuffix(s.Version, ".*") }

// Requirement is one parsed requirement.
type Requirement struct {
	// Raw is the requirement text as given (after pip's line processing).
	Raw  string
	Kind Kind
	// Name is the project name as written; for URL and VCS requirements it
	// comes from "name @" or "#egg=name", for wheels from the file name. It
	// may be empty for an unnamed URL or path.
	Name       string
	Extras     []string
	Specifiers []Specifier
	// Marker is the environment marker after ";", as written.
	Marker string
	// URL is the URL of a KindURL or KindVCS requirement, as written.
	URL string
	// Path is the local path (or file: URL) of a KindPath requirement.
	Path string
	// VCS is "git", "hg", "svn" or "bzr" for KindVCS.
	VCS string
	// Repo is the VCS repository URL without the "vcs+" prefix, the
	// revision and the fragment, e.g. "https://host/org/repo.git".
	Repo string
	// Ref is the revision after "@" in a VCS URL ("main", a tag, a hash);
	// empty when none is given.
	Ref string
	// Editable is set for "-e"/"--editable" requirements.
	Editable bool
	// Hashes are the --hash values of a requirements-file line
	// ("sha256:..."), in order.
	Hashes []string
}

// DisplayName is the best short name for messages: the project name, else
// the URL or path.
func (r Requirement) DisplayName() string {
	switch {
	case r.Name != "":
		return r.Name
	case r.URL != "":
		return r.URL
	case r.Path != "":
		return r.Path
	}
	return r.Raw
}

// CanonicalName is the PEP 503 normalised name ("Scikit_Learn" ->
// "scikit-learn"), empty when the requirement has no name.
func (r Requirement) CanonicalName() string { return CanonicalName(r.Name) }

var canonRe = lazyre.New(`[-_.]+`)

// CanonicalName normalises a project name per PEP 503.
func CanonicalName(name string) string {
	return strings.ToLower(canonRe().ReplaceAllString(name, "-"))
}

// Spec is the version specifier set, clauses joined by "," (">=1.2,<2"),
// "" when there is none.
func (r Requirement) Spec() string {
	ss := make([]string, len(r.Specifiers))
	for i, s := range r.Specifiers {
		ss[i] = s.String()
	}
	return strings.Join(ss, ",")
}

// Pin says how tightly a requirement pins what it installs.
type Pin int

// Pins, loosest first.
const (
	PinNone  Pin = iota // no version, or a reference that moves (a branch, a URL without a hash)
	PinRange            // a version constraint that admits several versions (">=1", "==1.*", "~=1.2")
	PinExact            // exactly one artifact
	PinLocal            // a path in the repository: versioned with it
)

func (p Pin) String() string {
	switch p {
	case PinNone:
		return "unpinned"
	case PinRange:
		return "range"
	case PinExact:
		return "exact"
	case PinLocal:
		return "local"
	}
	return fmt.Sprintf("pin(%d)", int(p))
}

// Pin is the one verdict on whether a requirement selects exactly one
// artifact (pip requirements, conda pip: sections, Dockerfile RUN lines,
// notebook %pip lines, and the PEP 508 dependencies of pyproject.toml all
// ask it):
//   - by name: "==" without a wildcard ("==2.8.*" matches many versions)
//     or "===" is exact; any other specifier is a range; none is unpinned;
//   - VCS: exact at a full commit id (40 hex digits for SHA-1 git and hg
//     repositories, 64 for SHA-256 ones; a revision number for svn), else
//     unpinned: a branch, a tag or a short hash can move;
//   - a direct URL to an archive (sdist or wheel): exact only with a hash,
//     in the fragment ("#sha256=...") or on the line (--hash), else
//     unpinned: the server can serve other bytes;
//   - a local path (or file: URL): local.
func (r Requirement) Pin() Pin {
	switch r.Kind {
	case KindPath:
		return PinLocal
	case KindVCS:
		if r.Ref != "" && IsFullCommit(r.VCS, r.Ref) {
			return PinExact
		}
		return PinNone
	case KindURL:
		if urlHasHash(r.URL) || len(r.Hashes) > 0 {
			return PinExact
		}
		return PinNone
	}
	for _, s := range r.Specifiers {
		if s.Op == "===" || (s.Op == "==" && !s.Wildcard()) {
			return PinExact
		}
	}
	if len(r.Specifiers) == 0 {
		return PinNone
	}
	return PinRange
}

// Pinned reports whether the requirement selects exactly one artifact (an
// exact pin, or a path in the repository).
func (r Requirement) Pinned() bool { p := r.Pin(); return p == PinExact || p == PinLocal }

// Unpinned explains why the requirement is not pinned (see Pin), in a
// short lowercase phrase suitable for a message ("no version specifier",
// "\">=2.0\" allows more than one version"), or returns "" when it is.
func (r Requirement) Unpinned() string {
	if r.Pinned() {
		return ""
	}
	switch r.Kind {
	case KindVCS:
		if r.Ref == "" {
			return "the vcs url names no revision"
		}
		return fmt.Sprintf("revision %q is a branch, tag or short hash, not a full commit hash", r.Ref)
	case KindURL:
		return "a url can serve different content over time unless a hash pins it"
	}
	if len(r.Specifiers) == 0 {
		return "no version specifier"
	}
	spec := r.Spec()
	if len(r.Specifiers) == 1 && r.Specifiers[0].Wildcard() {
		return fmt.Sprintf("%q is a wildcard that matches more than one version", spec)
	}
	return fmt.Sprintf("%q allows more than one version", spec)
}

var (
	hex40 = lazyre.New(`^[0-9a-fA-F]{40}$`)
	hex64 = lazyre.New(`^[0-9a-fA-F]{64}$`)
	svnRe = lazyre.New(`^r?[0-9]+$`)
)

// IsFullCommit reports whether ref identifies one immutable revision of a
// repository of the given VCS: a full SHA-1 or SHA-256 object name for git
// (and a full changeset id for hg), a revision number for svn.
func IsFullCommit(vcs, ref string) bool {
	switch vcs {
	case "svn":
		return svnRe().MatchString(ref)
	case "bzr":
		return false
	}
	return hex40().MatchString(ref) || hex64().MatchString(ref)
}

// SyntaxError is an invalid requirement. Col, when set, is the 1-based
// byte offset within the requirement text.
type SyntaxError struct {
	Input string
	Col   int
	Msg   string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid requirement %q: %s", e.Input, e.Msg)
}

func synErr(input string, col int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Input: input, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// vcsNames are the VCS backends pip knows; a URL scheme "name+..." (or
// plain "git:" etc. for editables) selects one.
var vcsNames = []string{"git", "hg", "svn", "bzr"}

var vcsSchemes = map[string]bool{
	"git+http": true, "git+https": true, "git+ssh": true, "git+git": true, "git+file": true,
	"hg+file": true, "hg+http": true, "hg+https": true, "hg+ssh": true, "hg+static-http": true,
	"svn+ssh": true, "svn+http": true, "svn+https": true, "svn+svn": true, "svn+file": true,
	"bzr+http": true, "bzr+https": true, "bzr+ssh": true, "bzr+sftp": true, "bzr+ftp": true,
	"bzr+lp": true, "bzr+file": true,
}

func urlScheme(s string) string {
	before, _, ok := strings.Cut(s, ":")
	if !ok {
		return ""
	}
	return strings.ToLower(before)
}

// IsURL reports whether s starts with a scheme pip treats as a URL: http,
// https, file, ftp or a VCS scheme such as git+https.
func IsURL(s string) bool {
	switch sc := urlScheme(s); sc {
	case "http", "https", "file", "ftp":
		return true
	default:
		return vcsSchemes[sc]
	}
}

var archiveExts = []string{".whl", ".zip", ".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma"}

// IsArchive reports whether name has the extension of an archive pip can
// install (wheel, zip, tar and compressed tar).
func IsArchive(name string) bool { return isArchive(name) }

func isArchive(name string) bool {
	l := strings.ToLower(name)
	for _, e := range archiveExts {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

func isWheel(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".whl") }

// looksLikePath mirrors pip's _looks_like_path (POSIX separators).
func looksLikePath(s string) bool {
	return strings.Contains(s, "/") || strings.HasPrefix(s, ".")
}

// ParseRequirement parses one requirement as pip does for a line of a
// requirements file or an argument of "pip install" (without options):
// a PEP 508 requirement, a URL or VCS URL (with "; marker" after a space),
// or a local path or archive. It does not touch the file system: a string
// that looks like a path ("./pkg", "dist/x-1.0.tar.gz") is a KindPath
// requirement.
func ParseRequirement(s string) (Requirement, error) {
	raw := s
	s = strings.TrimSpace(s)
	if s == "" {
		return Requirement{Raw: raw}, synErr(raw, 0, "empty requirement")
	}
	if IsURL(s) {
		// pip splits URL requirements at "; " only.
		u, marker, _ := strings.Cut(s, "; ")
		r, err := parseURLReq(strings.TrimSpace(u))
		r.Raw = raw
		if err == nil && strings.TrimSpace(marker) != "" {
			r.Marker = strings.TrimSpace(marker)
			if err := validateMarkerOpt(r.Marker); err != nil {
				return r, synErr(raw, 0, "%s", err)
			}
		}
		return r, err
	}
	before, _, hasAt := strings.Cut(s, "@")
	if !(hasAt && !looksLikePath(before)) && (looksLikePath(s) || isArchive(pathPart(s))) && plausiblePath(pathPart(s)) {
		p, marker, _ := strings.Cut(s, ";")
		r := pathReq(strings.TrimSpace(p))
		r.Raw = raw
		if m := strings.TrimSpace(marker); m != "" {
			r.Marker = m
			if err := validateMarker(m); err != nil {
				return r, synErr(raw, 0, "%s", err)
			}
		}
		return r, nil
	}
	r, err := parsePEP508(s)
	r.Raw = raw
	return r, err
}

// validateMarkerOpt accepts an empty marker: pip drops a bare ";".
func validateMarkerOpt(m string) error {
	if m == "" {
		return nil
	}
	return validateMarker(m)
}

// plausiblePath rejects what pip would not find on disk either: pip takes
// a path-looking argument as a path only when it is an existing directory
// or an archive, and otherwise parses it as PEP 508 (and fails). Without a
// file system, text with blanks, quotes, comparison operators or
// parentheses is taken for a broken requirement, not a directory.
func plausiblePath(p string) bool {
	return p != "" && !strings.ContainsAny(p, " \t\"'<>=!;()\\")
}

// pathPart strips a trailing marker so "x.whl; python_version>'3'" is
// recognised as an archive.
func pathPart(s string) string {
	p, _, _ := strings.Cut(s, ";")
	return strings.TrimSpace(p)
}

var extrasSuffix = lazyre.New(`^(.+?)(\[[^\]]*\])$`)

func pathReq(p string) Requirement {
	r := Requirement{Kind: KindPath, Path: p}
	if m := extrasSuffix().FindStringSubmatch(p); m != nil {
		r.Path = m[1]
		r.Extras = splitExtras(m[2][1 : len(m[2])-1])
	}
	if base := path.Base(r.Path); isWheel(base) {
		r.Name = wheelName(base)
	}
	return r
}

func splitExtras(s string) []string {
	var out []string
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// wheelName returns the distribution name of a wheel file name
// ("torch-2.0.0-cp310-cp310-linux_x86_64.whl" -> "torch").
func wheelName(file string) string {
	name, _, _ := strings.Cut(file, "-")
	return name
}

func urlFilename(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	return path.Base(u)
}

func urlFragment(u string) string {
	_, frag, _ := strings.Cut(u, "#")
	return frag
}

func fragmentValue(u, key string) string {
	for _, kv := range strings.Split(urlFragment(u), "&") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}

func urlHasHash(u string) bool {
	for _, kv := range strings.Split(urlFragment(u), "&") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" {
			continue
		}
		switch strings.ToLower(k) {
		case "sha1", "sha224", "sha256", "sha384", "sha512", "md5":
			return true
		}
	}
	return false
}

// parseURLReq handles a bare URL (http, file, VCS).
func parseURLReq(u string) (Requirement, error) {
	sc := urlScheme(u)
	if vcsSchemes[sc] || isBareVCSScheme(sc) {
		return parseVCS(u)
	}
	r := Requirement{Kind: KindURL, URL: u}
	if sc == "file" {
		r = Requirement{Kind: KindPath, Path: u}
	}
	var err error
	r.Name, err = eggName(u)
	if f := urlFilename(u); r.Name == "" && isWheel(f) {
		r.Name = wheelName(f)
	}
	return r, err
}

func isBareVCSScheme(sc string) bool {
	for _, v := range vcsNames {
		if sc == v {
			return true
		}
	}
	return false
}

var eggRe = lazyre.New(`[#&]egg=([^&]*)`)

// eggName returns the project name of a "#egg=name" fragment. pip
// deprecated non-PEP 508 names there (an error from pip 25), and older pip
// read the value as a whole requirement: both are rejected here.
func eggName(u string) (string, error) {
	m := eggRe().FindStringSubmatch(u)
	if m == nil {
		return "", nil
	}
	egg := m[1]
	if mm := extrasSuffix().FindStringSubmatch(egg); mm != nil {
		egg = mm[1]
	}
	if !isName(egg) {
		return "", synErr(u, 0, "#egg=%q is not a project name (write \"name @ url\" instead)", m[1])
	}
	return egg, nil
}

// parseVCS splits "git+https://user@host/org/repo.git@ref#egg=x" into its
// parts the way pip's VersionControl.get_url_rev_and_auth does: the
// revision follows the last "@" of the URL path.
func parseVCS(u string) (Requirement, error) {
	r := Requirement{Kind: KindVCS, URL: u}
	var err error
	if r.Name, err = eggName(u); err != nil {
		return r, err
	}
	sc := urlScheme(u)
	vcs, _, _ := strings.Cut(sc, "+")
	r.VCS = vcs
	rest := u[len(sc)+1:] // after "scheme:"
	if i := strings.IndexAny(rest, "#"); i >= 0 {
		rest = rest[:i]
	}
	var netloc, p string
	if after, ok := strings.CutPrefix(rest, "//"); ok {
		if i := strings.Index(after, "/"); i >= 0 {
			netloc, p = after[:i], after[i:]
		} else {
			netloc = after
		}
		netloc = "//" + netloc
	} else {
		// scp-like "git+git@host:org/repo" (pip rewrites it to ssh://).
		p = rest
		if i := strings.Index(rest, ":"); i >= 0 {
			netloc, p = rest[:i+1], rest[i+1:]
		}
	}
	query := ""
	if i := strings.Index(p, "?"); i >= 0 {
		p, query = p[:i], p[i:]
	}
	if i := strings.LastIndex(p, "@"); i >= 0 {
		p, r.Ref = p[:i], p[i+1:]
	}
	scheme := strings.TrimPrefix(sc, vcs+"+") // "git+https" -> "https"; bare "git" stays
	r.Repo = scheme + ":" + netloc + p + query
	if netloc == "" && p == "" {
		return r, synErr(u, 0, "vcs url has no repository")
	}
	return r, nil
}

// scanName returns the PEP 508 name at the start of s,
// ^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?, or "".
func scanName(s string) string {
	alnum := func(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' }
	if s == "" || !alnum(s[0]) {
		return ""
	}
	end := 1
	for i := 1; i < len(s); i++ {
		c := s[i]
		if alnum(c) {
			end = i + 1
		} else if c != '.' && c != '_' && c != '-' {
			break
		}
	}
	return s[:end]
}

// isName reports whether s is exactly a PEP 508 name.
func isName(s string) bool { return s != "" && scanName(s) == s }

// parsePEP508 parses "name[extras] (specs) ; marker" or "name[extras] @ url ; marker".
func parsePEP508(s string) (Requirement, error) {
	r := Requirement{Kind: KindName}
	sc := &scanner{s: s}
	name := scanName(s)
	if name == "" {
		return r, synErr(s, 1, "expected a package name at the start")
	}
	r.Name = name
	sc.i = len(name)
	sc.ws()
	if sc.peek() == '[' {
		end := strings.IndexByte(s[sc.i:], ']')
		if end < 0 {
			return r, synErr(s, sc.i+1, "missing \"]\" after extras")
		}
		body := s[sc.i+1 : sc.i+end]
		for _, e := range strings.Split(body, ",") {
			e = strings.TrimSpace(e)
			if e == "" {
				if strings.TrimSpace(body) == "" {
					break
				}
				return r, synErr(s, sc.i+1, "empty extra in %q", "["+body+"]")
			}
			if !isName(e) {
				return r, synErr(s, sc.i+1, "invalid extra %q", e)
			}
			r.Extras = append(r.Extras, e)
		}
		sc.i += end + 1
		sc.ws()
	}
	if sc.peek() == '@' {
		sc.i++
		sc.ws()
		start := sc.i
		// pip splits a requirement that does not start with a URL at its
		// first ";" before parsing it, so the URL ends there too.
		for sc.i < len(s) && !isSpace(s[sc.i]) && s[sc.i] != ';' {
			sc.i++
		}
		u := s[start:sc.i]
		if u == "" {
			return r, synErr(s, start+1, "expected a url after \"@\"")
		}
		if !strings.Contains(u, "://") && !strings.HasPrefix(strings.ToLower(u), "file:") {
			return r, synErr(s, start+1, "%q is not a url (expected scheme://...)", u)
		}
		ur, err := parseURLReq(u)
		if err != nil {
			return r, err
		}
		ur.Name, ur.Extras = r.Name, r.Extras
		r = ur
		sc.ws()
		if sc.i < len(s) {
			if sc.peek() != ';' {
				return r, synErr(s, sc.i+1, "expected \" ;\" and a marker after the url")
			}
			sc.i++
			r.Marker = strings.TrimSpace(s[sc.i:])
			if err := validateMarkerOpt(r.Marker); err != nil {
				return r, synErr(s, sc.i+1, "%s", err)
			}
		}
		return r, nil
	}
	paren := false
	if sc.peek() == '(' {
		paren = true
		sc.i++
		sc.ws()
	}
	for sc.i < len(s) && strings.IndexByte("<>=!~", s[sc.i]) >= 0 {
		spec, err := sc.specifier()
		if err != nil {
			return r, err
		}
		r.Specifiers = append(r.Specifiers, spec)
		sc.ws()
		if sc.peek() != ',' {
			break
		}
		sc.i++
		sc.ws()
		if sc.i >= len(s) || strings.IndexByte("<>=!~", s[sc.i]) < 0 {
			return r, synErr(s, sc.i+1, "expected a version specifier after \",\"")
		}
	}
	if paren {
		if sc.peek() != ')' {
			return r, synErr(s, sc.i+1, "expected \")\" after version specifiers")
		}
		sc.i++
		sc.ws()
	}
	if sc.i < len(s) {
		if sc.peek() != ';' {
			return r, synErr(s, sc.i+1, "unexpected %q after %q (expected a version specifier such as \"==1.2.3\", \";\" and a marker, or the end)", s[sc.i:], s[:sc.i])
		}
		sc.i++
		r.Marker = strings.TrimSpace(s[sc.i:])
		if err := validateMarkerOpt(r.Marker); err != nil {
			return r, synErr(s, sc.i+1, "%s", err)
		}
	}
	return r, nil
}

type scanner struct {
	s string
	i int
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func (sc *scanner) ws() bool {
	start := sc.i
	for sc.i < len(sc.s) && isSpace(sc.s[sc.i]) {
		sc.i++
	}
	return sc.i > start
}

func (sc *scanner) peek() byte {
	if sc.i < len(sc.s) {
		return sc.s[sc.i]
	}
	return 0
}

var specOps = []string{"===", "==", "!=", "~=", ">=", "<=", ">", "<"}

func (sc *scanner) specifier() (Specifier, error) {
	start := sc.i
	var op string
	for _, o := range specOps {
		if strings.HasPrefix(sc.s[sc.i:], o) {
			op = o
			break
		}
	}
	if op == "" {
		bad := sc.s[sc.i:]
		if i := strings.IndexAny(bad, "0123456789 ,;"); i > 0 {
			bad = bad[:i]
		}
		return Specifier{}, synErr(sc.s, sc.i+1, "%q is not a version operator (use \"==\" to pin one version; others: ===, !=, ~=, >=, <=, >, <)", bad)
	}
	sc.i += len(op)
	sc.ws()
	vs := sc.i
	for sc.i < len(sc.s) && !isSpace(sc.s[sc.i]) && strings.IndexByte(",;)", sc.s[sc.i]) < 0 {
		sc.i++
	}
	v := sc.s[vs:sc.i]
	if v == "" {
		return Specifier{}, synErr(sc.s, start+1, "operator %q needs a version", op)
	}
	spec := Specifier{Op: op, Version: v}
	if err := validSpecVersion(spec); err != nil {
		return spec, synErr(sc.s, vs+1, "%s", err)
	}
	return spec, nil
}

const (
	verRelease = `v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*`
	verPre     = `(?:[-_.]?(?:alpha|a|beta|b|preview|pre|c|rc)[-_.]?[0-9]*)?`
	verPost    = `(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?`
	verDev     = `(?:[-_.]?dev[-_.]?[0-9]*)?`
	verLocal   = `(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`
)

var (
	publicVersionRe = lazyre.New(`(?i)^` + verRelease + verPre + verPost + verDev + `$`)
	fullVersionRe   = lazyre.New(`(?i)^` + verRelease + verPre + verPost + verDev + verLocal + `$`)
	wildcardRe      = lazyre.New(`(?i)^` + verRelease + `\.\*$`)
	compatibleRe    = lazyre.New(`(?i)^v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+` + verPre + verPost + verDev + `$`)
)

// ValidVersion reports whether v is a valid PEP 440 version.
func ValidVersion(v string) bool { return fullVersionRe().MatchString(v) }

func validSpecVersion(s Specifier) error {
	v := s.Version
	ok := false
	switch s.Op {
	case "===":
		ok = true
	case "==", "!=":
		ok = fullVersionRe().MatchString(v) || wildcardRe().MatchString(v)
	case "~=":
		ok = compatibleRe().MatchString(v)
		if !ok && publicVersionRe().MatchString(v) {
			return fmt.Errorf("%q needs at least two release segments (\"~=1.4\")", s.String())
		}
	default:
		ok = publicVersionRe().MatchString(v)
	}
	if !ok {
		return fmt.Errorf("%q is not a valid PEP 440 version for %q", v, s.Op)
	}
	return nil
}
