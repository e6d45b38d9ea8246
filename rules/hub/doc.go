// Package hub is the Hub revisions rule family (REPRO-DEP-144,
// REPRO-DEP-145, category deps): models, datasets and files loaded from
// the Hugging Face Hub, and code loaded with torch.hub, without a pinned
// revision. A Hub repository is a git repository whose main branch moves;
// from_pretrained("org/name") gets whatever it holds on the day it runs
// (and trust_remote_code=True runs whatever code it holds), so the same
// program loads different weights, tokenizers, data or code over time.
//
// The family reads .py modules and notebook code cells through
// rules/internal/pyfile (parsed once per run, shared with the seeds
// family), resolves the called names through the imports (transformers,
// diffusers, peft, sentence_transformers, datasets, huggingface_hub,
// timm, torch.hub), and the model id and revision through string
// literals, local and module-level constants (a tuple item too), constants
// imported from the repository's other modules and argparse defaults. Text
// in strings and comments is not code. Shell scripts, Makefile recipes
// and notebook "!" lines are read through parse/shellcmd (shared with the
// commands family by rules/internal/shell) for the ids their command lines
// give a program's argparse options, with the values the text's own
// variables give the words where those are known before the run. Loads
// of one id expression in one function are compared, so one that leaves
// out the revision= its siblings pass is reported; hf_hub_download and
// snapshot_download, which take only Hub ids, are reported without
// revision= whatever their id. spaCy training configs (.cfg, read with
// parse/ini as thinc reads them) are checked for the transformers
// spacy-transformers and spacy-curated-transformers load. A hook checks
// only the staged files, and looks a few paths up in the index (a local
// model directory's config.json, an imported module, the usual programs
// beside the file for the paths they save to, a spaCy project.yml) to
// tell a local directory such as "my/model" or "ddpm-out" from a Hub id
// "org/name", never listing the tree.
//
// Like every family it imports the engine (checks), parsers (parse/...)
// and the shared packages below rules/ only: never gitx, action, hooks,
// lfsstore or the command.
package hub
