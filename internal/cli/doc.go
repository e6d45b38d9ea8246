// Package cli is the command-line machinery git-repro's binaries share
// (cmd/git-repro and cmd/git-repro-lfs): a command table of values with
// pflag FlagSets (no init() registration), help output, and the exit
// codes that are part of the user contract: 0 clean, 1 findings, 2 bad
// usage or configuration, 3 failure.
//
// It imports only the standard library and spf13/pflag; it knows nothing
// of what the commands do.
package cli
