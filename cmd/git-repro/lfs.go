package main

// lfsCommand groups the Git LFS content-store commands. Each subcommand
// lives in its own cmd_lfs_<name>.go file and is listed here.
var lfsCommand = &Command{
	Name:  "lfs",
	Usage: "lfs <command> [flags]",
	Short: "run the Git LFS content store (server, transfer agent, fsck, gc)",
	Long:  "The Git-LFS-compatible content store: an LFS server, a standalone transfer agent, and maintenance commands.",
	Subcommands: func() []*Command {
		return []*Command{
			// lfs subcommands are appended here, one line each.
			lfsServeCommand,
			lfsFsckCommand,
			lfsAgentCommand,
			lfsSetupCommand,
			lfsGCCommand,
		}
	},
}
