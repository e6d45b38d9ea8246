// Package commands is the commands rule family (REPRO-DEP-141 to 143):
// install, clone and download commands written outside the dependency
// manifests, in READMEs and other Markdown docs, shell scripts, Makefile
// recipes, Dockerfile RUN lines and notebooks, read with parse/shellcmd
// as the shell reads them; and downloads in Python code of URLs that
// follow a moving ref. Unpinned installs, clones of a moving branch (and
// the installs of those clones) and downloads that no checksum check
// follows are reported where they are written.
//
// Like every family it imports the engine (checks), parsers (parse/...),
// the shared packages below rules/, the pip family (what a requirements
// file pins) and the docker family (which files are Dockerfiles) only:
// never gitx, action, hooks, lfsstore or the command.
package commands
