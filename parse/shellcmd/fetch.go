package shellcmd

import (
	"net/url"
	"path"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/dockerfile"
)

// Fetch is one wget, curl or gdown download.
type Fetch struct {
	Line, Col int
	Text      string
	Tool      string // "wget", "curl" or "gdown"
	URL       string // the first URL argument ("" when there is none)
	// DriveID is the Google Drive file or folder id gdown is given
	// instead of a URL ("gdown --id 1q86...", "gdown 1q86..."); URL is
	// then the address gdown fetches it from.
	DriveID string
	// Output is the file written, as the command names it or as the tool
	// derives it from the URL; "-" is standard output.
	Output string
	// PipedTo is the program a download is piped into ("sh", "bash",
	// "python" run it; "tar" extracts it; "jq" reads it).
	PipedTo string
	// Checksum is the command that verifies the download later in the
	// same file ("sha256sum -c", "shasum -a 256 -c", "md5sum", ...) and
	// ChecksumLine its line; 0 when nothing does.
	Checksum     string
	ChecksumLine int
	// RunLine is the line where the downloaded file is run ("python
	// get-pip.py", "bash install.sh"), 0 when it is not.
	RunLine int
	// Dynamic is set when the URL is built at run time ($BASE/x.pth).
	Dynamic bool

	// Path is Output resolved against the command's directory (and -P or
	// --output-dir), relative to where the file's first command runs;
	// "" for standard output, Unknown when it is known only at run time.
	Path string
	// NamedByServer is set when the file is named by what the server
	// says (gdown without -O): Output and Path are "".
	NamedByServer bool
}

// Verified reports whether a checksum check follows the download.
func (f Fetch) Verified() bool { return f.ChecksumLine > 0 }

// Runs reports whether the download is piped into an interpreter that
// runs it as code ("curl URL | sh").
func (f Fetch) Runs() bool { return f.PipedTo != "" && dockerfile.IsInterpreter(f.PipedTo) }

// verifierTools hash files: with -c / --check they verify a list.
var verifierTools = map[string]bool{"sha256sum": true, "sha1sum": true, "sha224sum": true, "sha384sum": true,
	"sha512sum": true, "md5sum": true, "b2sum": true, "b3sum": true, "shasum": true, "cksum": true, "gpg": true,
	"gpgv": true, "minisign": true, "cosign": true}

// wgetValued and curlValued are the options that take a value; a short
// option cluster takes its value from the rest of the word or the next.
var (
	wgetValued = map[string]bool{"-O": true, "--output-document": true, "-o": true, "--output-file": true, "-a": true,
		"--append-output": true, "-P": true, "--directory-prefix": true, "-t": true, "--tries": true, "-T": true,
		"--timeout": true, "-w": true, "--wait": true, "-U": true, "--user-agent": true, "--header": true,
		"--user": true, "--password": true, "--http-user": true, "--http-password": true, "-e": true,
		"--execute": true, "-i": true, "--input-file": true, "--post-data": true, "--post-file": true,
		"--referer": true, "--load-cookies": true, "--save-cookies": true, "--limit-rate": true, "-l": true,
		"--level": true, "--ca-certificate": true, "-B": true, "--base": true, "-Q": true, "--quota": true,
		"-D": true, "--domains": true}
	curlValued = map[string]bool{"-o": true, "--output": true, "-H": true, "--header": true, "-d": true, "--data": true,
		"--data-raw": true, "--data-binary": true, "--data-urlencode": true, "-u": true, "--user": true, "-A": true,
		"--user-agent": true, "-e": true, "--referer": true, "-X": true, "--request": true, "-m": true,
		"--max-time": true, "-w": true, "--write-out": true, "-x": true, "--proxy": true, "-T": true,
		"--upload-file": true, "-K": true, "--config": true, "-F": true, "--form": true, "-b": true, "--cookie": true,
		"-c": true, "--cookie-jar": true, "-r": true, "--range": true, "-E": true, "--cert": true, "-C": true,
		"--continue-at": true, "--retry": true, "--retry-delay": true, "--retry-max-time": true,
		"--connect-timeout": true, "--cacert": true, "--capath": true, "-D": true, "--dump-header": true,
		"--limit-rate": true, "--url": true, "--output-dir": true, "-y": true, "--speed-time": true, "-Y": true,
		"--speed-limit": true, "-z": true, "--time-cond": true, "-U": true, "--proxy-user": true, "-Q": true,
		"--quote": true, "--resolve": true, "--oauth2-bearer": true, "--netrc-file": true}
)

// opt is one parsed command-line option.
type opt struct{ name, value string }

// parseOpts splits downloader arguments into options and positional
// words, following the getopt conventions wget and curl share.
func parseOpts(args []string, valued map[string]bool) (opts []opt, pos []string) {
	for i := 0; i < len(args); i++ {
		w := args[i]
		switch {
		case w == "--":
			return opts, append(pos, args[i+1:]...)
		case strings.HasPrefix(w, "--"):
			name, val, attached := strings.Cut(w, "=")
			if valued[name] && !attached && i+1 < len(args) {
				i++
				val = args[i]
			}
			opts = append(opts, opt{name, val})
		case strings.HasPrefix(w, "-") && len(w) > 1:
			for j := 1; j < len(w); j++ {
				name := "-" + w[j:j+1]
				if !valued[name] {
					opts = append(opts, opt{name, ""})
					continue
				}
				val := w[j+1:]
				if val == "" && i+1 < len(args) {
					i++
					val = args[i]
				}
				opts = append(opts, opt{name, val})
				break
			}
		default:
			pos = append(pos, w)
		}
	}
	return opts, pos
}

func (a *analyzer) fetch(c dockerfile.Call, at pos, text, pipedTo string) {
	f := Fetch{Line: at.line, Col: at.col, Text: text, Tool: c.Name(), PipedTo: pipedTo}
	valued := curlValued
	if f.Tool == "wget" {
		valued = wgetValued
	}
	opts, pos := parseOpts(c.Args[1:], valued)
	for _, p := range pos {
		if strings.Contains(p, "://") || dockerfile.Dynamic(p) && f.URL == "" {
			f.URL = p
			break
		}
	}
	for _, o := range opts {
		if o.name == "--url" && f.URL == "" {
			f.URL = o.value
		}
	}
	f.Dynamic = dockerfile.Dynamic(f.URL)
	dir, out := "", ""
	remote := false
	for _, o := range opts {
		switch {
		case f.Tool == "wget" && (o.name == "-O" || o.name == "--output-document"):
			out = o.value
		case f.Tool == "wget" && (o.name == "-P" || o.name == "--directory-prefix"):
			dir = o.value
		case f.Tool == "curl" && (o.name == "-o" || o.name == "--output"):
			out = o.value
		case f.Tool == "curl" && (o.name == "-O" || o.name == "--remote-name" || o.name == "--remote-name-all"):
			remote = true
		case f.Tool == "curl" && o.name == "--output-dir":
			dir = o.value
		}
	}
	switch {
	case out != "":
	case f.Tool == "wget" || remote:
		out = remoteName(f.URL)
	default:
		out = "-" // curl writes to standard output
	}
	if out == "-" {
		for _, r := range c.Redirs {
			if r.Op == ">" || r.Op == ">|" {
				out = r.Word
			}
		}
	}
	f.Output = out
	switch {
	case out == "-" || out == "":
	case dir != "" && !path.IsAbs(out):
		f.Path = a.join(path.Join(dir, out))
	default:
		f.Path = a.join(out)
	}
	a.res.Fetches = append(a.res.Fetches, f)
	a.fetchSeq = append(a.fetchSeq, a.seq)
}

// gdownValued are gdown's options that take a value.
var gdownValued = map[string]bool{"-O": true, "--output": true, "--proxy": true, "--speed": true,
	"--format": true, "--user-agent": true}

// driveIDRe matches a Google Drive file or folder id.
var driveIDRe = lazyre.New(`^[A-Za-z0-9_-]{19,}$`)

// gdown reads "gdown [--id] ID|URL [-O out]": a download from Google
// Drive, whose file behind an id or a share link its owner can replace.
func (a *analyzer) gdown(c dockerfile.Call, at pos, text string) {
	f := Fetch{Line: at.line, Col: at.col, Text: text, Tool: "gdown"}
	opts, pos := parseOpts(c.Args[1:], gdownValued)
	if len(pos) == 0 {
		return // "gdown --help", "gdown --version"
	}
	switch w := pos[0]; {
	case strings.Contains(w, "://") || dockerfile.Dynamic(w):
		f.URL = w
	case driveIDRe().MatchString(w):
		f.DriveID = w
		f.URL = "https://drive.google.com/uc?id=" + w
	default:
		return
	}
	f.Dynamic = dockerfile.Dynamic(f.URL)
	for _, o := range opts {
		if o.name == "-O" || o.name == "--output" {
			f.Output = o.value
		}
	}
	switch {
	case f.Output == "-":
	case f.Output == "" || strings.HasSuffix(f.Output, "/"):
		f.Output, f.NamedByServer = "", true
	default:
		f.Path = a.join(f.Output)
	}
	a.res.Fetches = append(a.res.Fetches, f)
	a.fetchSeq = append(a.fetchSeq, a.seq)
}

// remoteName is the file name wget and curl -O derive from a URL.
func remoteName(raw string) string {
	if raw == "" || dockerfile.Dynamic(raw) && !strings.Contains(raw, "/") {
		return ""
	}
	p := raw
	if u, err := url.Parse(raw); err == nil && u.Path != "" {
		p = u.Path
	} else if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	base := path.Base(p)
	if base == "/" || base == "." {
		return "index.html"
	}
	return base
}

// verifier records a hashing command: with -c/--check (or gpg --verify)
// it checks a list; otherwise it hashes the files it names.
func (a *analyzer) verifier(c dockerfile.Call, line int) {
	v := verifier{seq: a.seq, line: line, desc: c.Name()}
	args := c.Args[1:]
	if c.Name() == "openssl" {
		v.desc, args = "openssl dgst", args[1:]
	}
	for i := 0; i < len(args); i++ {
		w := args[i]
		switch {
		case w == "-c" || w == "--check" || w == "--verify" || w == "-V" || w == "verify-blob":
			v.checkList = true
			v.desc += " " + w
		case w == "-a" && c.Name() == "shasum" && i+1 < len(args):
			v.desc += " -a " + args[i+1]
			i++
		case strings.HasPrefix(w, "-"):
		default:
			v.args = append(v.args, a.join(w))
		}
	}
	if c.Name() == "cosign" || c.Name() == "minisign" || c.Name() == "gpgv" {
		v.checkList = true
	}
	if v.checkList && len(v.args) == 0 && a.stdin != "" && !strings.HasPrefix(v.desc, "gpg") {
		// echo "<hash>  file" | sha256sum -c -: the list is the echo's.
		if files := checkListFiles(a.stdin); len(files) > 0 {
			v.checkList = false
			for _, f := range files {
				v.args = append(v.args, a.join(f))
			}
		}
	}
	a.verifiers = append(a.verifiers, v)
}

// runsFile returns the script a call runs: "python get-pip.py", "bash
// install.sh", "sh ./x.sh", "source env.sh", "./install.sh".
func runsFile(c dockerfile.Call) (string, bool) {
	name := c.Name()
	if strings.HasPrefix(c.Args[0], "./") || strings.HasPrefix(c.Args[0], "/") && !strings.HasPrefix(c.Args[0], "/usr/") && !strings.HasPrefix(c.Args[0], "/bin/") {
		return c.Args[0], true
	}
	if !isPython(name) && !dockerfile.IsShell(name) && name != "source" && name != "." && name != "perl" && name != "ruby" && name != "node" {
		return "", false
	}
	for i := 1; i < len(c.Args); i++ {
		w := c.Args[i]
		if w == "-m" || w == "-c" {
			return "", false // a module or a command string, not a file
		}
		if !strings.HasPrefix(w, "-") {
			return w, true
		}
	}
	return "", false
}

// checkListFiles returns the files a checksum list names: "<hash>  file",
// "<hash> *file" (GNU), "SHA256 (file) = <hash>" (BSD); the hash may be a
// variable ("$SHA256  model.pt"). It returns nil when the list names no
// file or names one only known at run time: the list may then verify any
// download.
func checkListFiles(list string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(list, `\n`, "\n"), "\n") {
		l = strings.TrimSpace(l)
		file := ""
		if m := bsdSumRe().FindStringSubmatch(l); m != nil {
			file = m[1]
		} else if hash, rest, ok := strings.Cut(l, " "); ok && (hexRe().MatchString(hash) || varRe().MatchString(hash)) {
			file = strings.TrimPrefix(strings.TrimSpace(rest), "*")
		}
		switch {
		case file == "":
		case dockerfile.Dynamic(file):
			return nil
		default:
			out = append(out, file)
		}
	}
	return out
}

var (
	bsdSumRe = lazyre.New(`^[A-Z0-9-]+ \((.+)\) = [0-9a-fA-F]+$`)
	hexRe    = lazyre.New(`^[0-9a-fA-F]{8,}$`)
	varRe    = lazyre.New(`^\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$`)
)
