// Package shellcmd finds the commands that install, clone and download in
// shell text, wherever ML repositories keep it: shell scripts, Makefile
// recipes, the code blocks of Markdown files (README.md, docs/*.md), the
// "!" and "%pip" lines of notebooks, the RUN instructions of Dockerfiles
// (WORKDIR followed, each command on its own line of a continued RUN),
// GitHub Actions "run:" scripts ("${{ }}" read as run-time values) and
// the shell: commands of Snakemake rules (parse/snakefile finds them;
// "{input}", "{output}", "{params.x}" read as run-time values).
//
// It reports three kinds of command, each with its 1-based line and
// column in the file and its exact text:
//
//   - Install: pip install (pip, pip3, python -m pip, uv pip install and
//     sync, and OpenMMLab's mim install, which runs pip with pip's
//     arguments) and conda / mamba / micromamba install and create, with each
//     package's verdict (Unpinned, from parse/pipreq and parse/conda),
//     the requirement files, and the unquoted ">" or "<" that the shell
//     reads as a redirection ("pip install a>=2.0 b" installs a unpinned
//     and writes a file named "=2.0"; b is still installed), and Loose,
//     the unpinned packages one per project for a message;
//   - Clone: git clone with its URL and target directory, and whether the
//     same script pins it (--branch <tag>, --revision, a later git
//     checkout / git -C dir checkout / git reset --hard of a commit) and
//     installs it (pip install -e dir, cd dir && pip install .), and where
//     later commands enter and leave its directory;
//   - Fetch: wget, curl and gdown (Google Drive, by id or link) downloads
//     with the URL and the output file,
//     and whether a checksum check (sha256sum -c, shasum -a 256 -c,
//     md5sum -c, or a hash of the output file) follows, or the file is
//     run (wget get-pip.py && python get-pip.py), or what it is piped
//     into (sh runs it, tar extracts it).
//
// Result.Commands lists every simple command besides (its words with
// sudo, env, "uv run" and the like removed, its place and its directory),
// for the questions the three kinds do not answer: does a CI step run the
// tests, install the project with poetry, publish it with twine, which
// Hub id does a launch script give a training program. Command.Words are
// those words with their places in the file and their values: the walk
// keeps the variables the text assigns (NAME=value, export and local,
// ${NAME:=word}) and expands them, and ${NAME:-word} for a variable a
// script does not assign, where the value is known before the run. It is
// conservative: what a branch not every run takes, a loop, read, a
// command's output, a sourced file or eval may set is unknown; a function
// body, which runs when it is called, sees only the variables assigned in
// one place, before it; the text of a Dockerfile, a Makefile, a notebook
// and a workflow step takes no default, as other lines of the file set
// its environment.
//
// Shell is parsed with mvdan.cc/sh. The walk over its syntax tree keeps
// the working directory of each scope (a subshell, each side of a
// pipeline, a function body), so "(cd x && pip install .)" installs x and
// leaves the directory alone; each simple command then goes through
// parse/dockerfile.ParseShell, the parser of the Dockerfile rules' RUN
// lines (quotes removed, sudo/env/time unwrapped, "sh -c" scripts
// followed, redirections listed), and pip arguments through
// parse/pipreq, conda specs through parse/conda. A block that does not
// parse as a whole is parsed one logical line at a time, and the lines
// that still fail are in Result.Errors.
//
// shellcmd is a leaf parser: it must not import the checks engine, gitx,
// action or lfsstore, does no I/O and never panics on any input.
package shellcmd
