#!/bin/sh
# Regenerates the lock files of the deps golden cases with the real tools,
# offline. Needs the Debian packages python3-poetry (Poetry 1.3) and pipenv.
#
#  - */poetry-real-lock and */pipenv-real-lock: "poetry lock" / "pipenv lock"
#    run end to end (their manifests depend on nothing but Python, so no
#    index is contacted).
#  - poetry-fresh / pipenv-fresh (and the stale copies made from them): the
#    package entries are written by hand (resolving them needs an index), and
#    the content hash is computed by the real tool's own code from the fresh
#    manifest: Poetry's Locker._get_content_hash, pipenv's plette
#    Pipfile.get_hash. The stale case gets the same lock beside a manifest
#    with one dependency changed.
set -eu
cd "$(dirname "$0")"
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for d in ok/poetry-real-lock; do
	rm -f "$d/poetry.lock"
	(cd "$d" && POETRY_VIRTUALENVS_PATH="$tmp/venvs" poetry lock --no-update -n >/dev/null)
done
for d in ok/pipenv-real-lock; do
	rm -f "$d/Pipfile.lock"
	cp "$d/Pipfile" "$tmp/Pipfile"
	(cd "$tmp" && PIPENV_VENV_IN_PROJECT=1 PIPENV_NOSPIN=1 pipenv lock >/dev/null 2>&1)
	cp "$tmp/Pipfile.lock" "$d/Pipfile.lock"
	rm -rf "$tmp/.venv" "$tmp/Pipfile" "$tmp/Pipfile.lock"
done

poetry_hash() {
	$PY -c '
import sys
from pathlib import Path
from poetry.core.pyproject.toml import PyProjectTOML
from poetry.packages.locker import Locker
cfg = PyProjectTOML(Path(sys.argv[1])).poetry_config
print(Locker(Path("/nonexistent/poetry.lock"), cfg)._get_content_hash())
' "$1"
}
pipenv_hash() {
	$PY -c '
import sys
from pipenv.vendor import plette
with open(sys.argv[1]) as f:
    print(plette.Pipfile.load(f).get_hash().value)
' "$1"
}

h=$(poetry_hash ok/poetry-fresh/pyproject.toml)
for f in ok/poetry-fresh/poetry.lock bad/poetry-stale/poetry.lock; do
	sed -i "s/^content-hash = .*/content-hash = \"$h\"/" "$f"
done
h=$(pipenv_hash ok/pipenv-fresh/Pipfile)
for f in ok/pipenv-fresh/Pipfile.lock bad/pipenv-stale/Pipfile.lock; do
	sed -i "s/\"sha256\": \"[^\"]*\"/\"sha256\": \"$h\"/" "$f"
done
