// Package snakefile reads Snakemake workflow files (a Snakefile, the
// *.smk files it includes) for what the rules need: the shell commands
// of each rule's shell: directive, the conda environment files its
// conda: directive names, and the files the workflow includes.
//
// A Snakefile is Python with Snakemake's directives on top ("rule x:",
// then "input:", "shell:", "conda:" ... indented below it), so it is
// tokenized with parse/python, whose tokens it walks: a directive is a
// name and a ":" at the start of a logical line, its value the rest of
// that line or the block indented below it. Only values that are string
// literals (one, or several written next to each other, which Python
// joins) are read: a value computed in Python is known at run time only.
//
// A shell: value is returned line by line, as Python decodes the literal
// (escapes applied, an f-string's doubled braces halved), with each
// line's place in the file. Snakemake's "{input}", "{output[0]}",
// "{params.url}" placeholders are left as written: it fills them in when
// the rule runs (parse/shellcmd reads them as run-time values). run: and
// script: bodies are Python or a script path, not shell, and are not
// returned.
//
// This package imports only the standard library and parse/python. Like
// every parse/ package it must not import the rule engine (checks), a rule
// family (rules/...), gitx, action, hooks or lfsstore; it never panics.
package snakefile
