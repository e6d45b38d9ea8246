// Package shell gives the rule families the install, clone and download
// commands of the files that hold shell text (Markdown docs, shell
// scripts, Makefiles, Dockerfile RUN lines, notebook "!" lines, the
// shell: commands of Snakemake rules), each
// file read once per run with parse/shellcmd (Load), and the one wording
// of an install command that leaves packages unpinned (Unpinned), which
// the commands, notebooks and ci families share.
//
// It imports the engine (checks), parsers and the other rules/internal
// helpers only.
package shell
