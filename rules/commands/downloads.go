package commands

import (
	"fmt"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/rules/internal/shell"
)

// extractors unpack what is piped into them.
var extractors = map[string]bool{"tar": true, "bsdtar": true, "unzip": true, "funzip": true, "gunzip": true, "gzip": true,
	"zcat": true, "xz": true, "unxz": true, "zstd": true, "unzstd": true, "bzip2": true, "bunzip2": true, "7z": true, "cpio": true}

// downloads reports the wget, curl and gdown downloads of a file that no
// checksum check follows (REPRO-DEP-143).
func downloads(f *shell.File, own []shellcmd.Clone, add func(string, checks.Diag)) {
	for _, fe := range f.Fetches {
		if fe.Verified() || fe.URL == "" || unjudgedURL(fe.URL) {
			continue
		}
		ref := refOfURL(fe.URL)
		if ref.commit {
			continue
		}
		note := ""
		if ref.moving != "" {
			note = fmt.Sprintf(" (the URL follows %s, which moves)", ref.moving)
		}
		what := fmt.Sprintf("%s%s of %q", cellRef(f, fe.Line), fe.Tool, fe.URL)
		if fe.DriveID != "" {
			what = fmt.Sprintf("%s%s of the Google Drive file %q", cellRef(f, fe.Line), fe.Tool, fe.DriveID)
		}
		file := fe.Output
		if fe.Path != "" && fe.Path != shellcmd.Unknown {
			file = rootRelative(fe.Path, own)
		}
		check := fmt.Sprintf("echo \"<sha256>  %s\" | sha256sum -c -", file)
		var msg string
		switch {
		case fe.Runs() && f.Kind == shell.Dockerfile:
			continue // REPRO-DOCKER-016
		case fe.Runs():
			msg = fmt.Sprintf("%s is piped into %q, which runs whatever the address serves that day, unchecked%s; download it to a file, check it (sha256sum -c) and run that", what, fe.PipedTo, note)
		case extractors[fe.PipedTo]:
			msg = fmt.Sprintf("%s is piped into %q and unpacked unchecked%s: a changed or truncated archive goes unnoticed; download it to a file, check it (sha256sum -c), then unpack it", what, fe.PipedTo, note)
		case fe.NamedByServer:
			msg = fmt.Sprintf("%s is not checked against a checksum%s: the files behind the link can be replaced, and a changed or truncated download goes unnoticed; commit the sha256 of what it writes and check it after the download: sha256sum -c <that list>", what, note)
		case fe.Output == "-" || fe.Output == "" || fe.Output == "/dev/null":
			continue // standard output for another program: an API call, not a download
		case fe.RunLine > 0:
			msg = fmt.Sprintf("%s downloads a script that %s runs without checking it%s; check it before it runs: %s", what, place(f, fe.RunLine), note, check)
		case f.Kind == shell.Dockerfile:
			msg = fmt.Sprintf("%s to %q is not checked against a checksum%s: each build takes whatever the address serves; check it in the same RUN (%s) or download it with ADD --checksum=sha256:<hash>", what, file, note, check)
		default:
			msg = fmt.Sprintf("%s to %q is not checked against a checksum%s: a changed, re-uploaded or truncated file goes unnoticed; check it after the download: %s", what, file, note, check)
		}
		add(downloadID, checks.Diag{Pos: checks.Pos{Path: f.Path, Line: fe.Line, Col: fe.Col}, Message: msg})
	}
}
