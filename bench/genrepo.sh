#!/usr/bin/env bash
# Usage: bench/genrepo.sh DIR [NFILES]
# Makes a git repository of NFILES small files (Python, text, configs) in
# nested directories, committed, then stages 10 changed files (9 Python
# modules and the requirements file): the pre-commit hot path. With
# STAGE_DOCKERFILE=1 the Dockerfile replaces one Python module: the docker
# family then needs the whole build context, i.e. a listing of every file.
set -euo pipefail
dir=$1; n=${2:-100000}
mkdir -p "$dir"; cd "$dir"
git init -q -b main
python3 - "$n" <<'PY'
import os, sys
n = int(sys.argv[1])
for i in range(n):
    d = "pkg%03d/sub%02d" % (i // 1000, (i // 100) % 10)
    os.makedirs(d, exist_ok=True)
    ext = (".py", ".txt", ".json", ".md")[i % 4]
    with open("%s/f%06d%s" % (d, i, ext), "w") as f:
        f.write("# file %d\nvalue = %d\n" % (i, i))
with open("requirements.txt", "w") as f:
    f.write("numpy==1.26.4\n")
with open("Dockerfile", "w") as f:
    f.write("FROM python:3.11-slim\n")
PY
git add -A
git -c user.name=bench -c user.email=bench@example.com commit -q -m base
mods="0 4 8 12 16 20 24 28 32"
[ "${STAGE_DOCKERFILE:-0}" = 1 ] && mods="0 4 8 12 16 20 24 28"
for i in $mods; do
  f=$(printf 'pkg000/sub00/f%06d.py' "$i")
  printf 'import random\nrandom.seed(0)\nx = random.random()\n' >> "$f"
done
echo "torch==2.1.0" >> requirements.txt
git add -A pkg000/sub00 requirements.txt
if [ "${STAGE_DOCKERFILE:-0}" = 1 ]; then
  echo "RUN pip install --no-cache-dir -r requirements.txt" >> Dockerfile
  git add Dockerfile
fi
