package commands

import (
	"fmt"
	"net"
	"net/url"
	"path"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/shellcmd"
)

// urlRef is what a download URL says about the content it names.
type urlRef struct {
	// moving is the ref the URL follows that can move under it: `branch
	// "main"`, `the "latest" release`; "" when it names none.
	moving string
	// pin says how to name a fixed version instead: `a commit's 40-hex
	// sha in place of "main"`.
	pin string
	// commit is set when the URL names a commit: its content cannot change.
	commit bool
}

var fullHexRe = lazyre.New(`^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$`)

// refOfURL reads the ref in the URL of a file kept in a git forge or on
// the Hugging Face Hub (raw.githubusercontent.com/o/r/<ref>/...,
// github.com/o/r/raw|blob/<ref>/..., /releases/latest/download/...,
// /archive/<ref>.zip, GitLab's /-/raw/<ref>/, Bitbucket's /raw/<ref>/,
// huggingface.co/[datasets/]o/r/resolve/<ref>/..., gists), and the word
// "latest" in any path segment ("/latest/", "Miniconda3-latest-Linux.sh").
func refOfURL(raw string) urlRef {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return urlRef{}
	}
	host := strings.ToLower(strings.TrimPrefix(u.Hostname(), "www."))
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	at := func(i int) string {
		if i < len(segs) {
			return segs[i]
		}
		return ""
	}
	// refAt reads a ref at segs[i], following "refs/heads/x" and
	// "refs/tags/x".
	refAt := func(i int) urlRef {
		ref := at(i)
		if ref == "refs" && (at(i+1) == "heads" || at(i+1) == "tags") {
			if at(i+1) == "tags" {
				return urlRef{}
			}
			ref = at(i + 2)
		}
		return judgeRef(ref)
	}
	switch {
	case host == "raw.githubusercontent.com":
		return refAt(2)
	case host == "github.com" && (at(2) == "raw" || at(2) == "blob"):
		return refAt(3)
	case host == "github.com" && at(2) == "releases" && at(3) == "latest":
		return urlRef{moving: `the "latest" release`, pin: `"releases/download/<tag>/" in place of "releases/latest/download/"`}
	case host == "github.com" && at(2) == "releases":
		return urlRef{} // a release tag
	case host == "github.com" && at(2) == "archive":
		if at(3) == "refs" {
			if at(4) == "tags" {
				return urlRef{}
			}
			return judgeRef(archiveRef(at(5)))
		}
		return judgeRef(archiveRef(at(3)))
	case host == "gist.githubusercontent.com" && at(2) == "raw":
		if fullHexRe().MatchString(at(3)) {
			return urlRef{commit: true}
		}
		return urlRef{moving: "the gist's latest revision", pin: `a revision's 40-hex sha after "raw/"`}
	case host == "huggingface.co" || host == "hf.co":
		for i := 2; i+1 < len(segs); i++ {
			if segs[i] == "resolve" || segs[i] == "raw" || segs[i] == "blob" {
				return judgeRef(segs[i+1])
			}
		}
	case host == "bitbucket.org" && at(2) == "raw":
		return refAt(3)
	}
	for i, s := range segs {
		if s == "-" && (at(i+1) == "raw" || at(i+1) == "archive") { // GitLab
			return refAt(i + 2)
		}
	}
	// A file whose name or directory says "latest": ".../latest/model.pt",
	// "Miniconda3-latest-Linux-x86_64.sh" (not an API path such as
	// /releases/latest, which names no file).
	if strings.HasPrefix(host, "api.") || len(segs) == 0 || path.Ext(segs[len(segs)-1]) == "" {
		return urlRef{}
	}
	for _, s := range segs {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			if w == "latest" {
				return urlRef{moving: `"latest"`, pin: `a version in place of "latest"`}
			}
		}
	}
	return urlRef{}
}

// archiveRef is the ref of a GitHub archive file name ("main.zip").
func archiveRef(name string) string {
	for _, ext := range []string{".tar.gz", ".zip", ".tgz", ".tar.bz2", ".tar"} {
		if strings.HasSuffix(name, ext) {
			return strings.TrimSuffix(name, ext)
		}
	}
	return name
}

// judgeRef classifies the ref of a URL: a full commit hash pins the
// content, a release tag names a release, a branch moves. A ref that is
// a placeholder ("{branch}") is not judged.
func judgeRef(ref string) urlRef {
	switch {
	case ref == "" || strings.ContainsAny(ref, "{}<>$%"):
		return urlRef{}
	case fullHexRe().MatchString(ref):
		return urlRef{commit: true}
	case shellcmd.RefKind(ref) == "branch":
		return urlRef{moving: fmt.Sprintf("branch %q", ref), pin: fmt.Sprintf("a commit's 40-hex sha in place of %q", ref)}
	}
	return urlRef{}
}

// placeholderRe finds the marks of a URL written as an example;
// shellExpansionRe the braces of a shell expansion ("${MIRROR}"), which
// are not one: such a URL is built at run time.
var (
	placeholderRe    = lazyre.New(`(?i)[<>{}]|\.\.\.|your[-_]|xxx`)
	shellExpansionRe = lazyre.New(`\$\{[A-Za-z_][A-Za-z0-9_]*\}`)
)

// unjudgedURL reports a URL that names nothing to download: a
// placeholder, a local or private address (a health check of a server
// the script started), a reserved example domain, a scheme that is not a
// download.
func unjudgedURL(raw string) bool {
	if placeholderRe().MatchString(shellExpansionRe().ReplaceAllString(raw, "$$X")) {
		return true
	}
	if strings.ContainsAny(raw, "$`") {
		return false // built at run time: a download all the same
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return true
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "ftp", "ftps":
	default:
		return true
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || strings.HasSuffix(host, ".local") || strings.HasSuffix(host, ".internal") {
		return true
	}
	for _, d := range []string{"example.com", "example.org", "example.net"} {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	for _, tld := range []string{".example", ".invalid", ".test"} {
		if strings.HasSuffix(host, tld) {
			return true
		}
	}
	if ip := net.ParseIP(host); ip != nil && (ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsLinkLocalUnicast()) {
		return true
	}
	return false
}
