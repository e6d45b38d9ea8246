// Package ini reads INI text with the line of every section, option and
// value line, in the dialects of the tools whose files a repository
// commits:
//
//   - ConfigParser: Python's configparser with its defaults (setup.cfg,
//     .pypirc, pip.conf, AWS credentials, rclone.conf): "#" and ";" start
//     full-line comments, the first "=" or ":" separates key and value, a
//     line indented deeper than its option's key continues the value, keys
//     are lower-cased.
//   - Thinc: the same, with the keys' case kept (spaCy's and thinc's
//     training configs set optionxform = str); values stay as written
//     (JSON-like, "${section.key}" references), for the caller to read.
//   - ConfigObj: configobj (DVC's .dvc/config) and npm's ini (.npmrc):
//     "=" only, keys before the first section, a "#" after a value starts
//     a comment, quotes around values, keys and section names are removed
//     ("['remote \"storage\"']" is the section `remote "storage"`),
//     indentation means nothing, keys keep their case.
//
// A duplicate section or option, and a line that is none of the above, is
// reported in Errors and skipped; the rest is still read.
//
// ini is a leaf: it imports only internal/lazyre and the standard library,
// never the checks engine, a rule family, gitx, action or lfsstore, and it
// never panics on any input.
package ini
