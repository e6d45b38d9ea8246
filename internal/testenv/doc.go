// Package testenv decides what tests do when an external tool they drive
// (git-lfs, pre-commit, poetry, versitygw, python3) is missing: skip on a
// developer's machine, fail in CI, where .ci/run installs every tool and a
// silent skip would hide a broken install step.
package testenv
