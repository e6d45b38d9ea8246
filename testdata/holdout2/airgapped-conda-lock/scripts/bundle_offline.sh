#!/usr/bin/env bash
# Build the transfer bundle for the hospital network (no internet there):
# the Miniforge installer plus every package in conda-lock.yml.
set -euo pipefail
OUT=${1:-offline_bundle}
mkdir -p "$OUT/pkgs"

curl -fsSL -o "$OUT/Miniforge3-Linux-x86_64.sh" \
    https://github.com/conda-forge/miniforge/releases/latest/download/Miniforge3-Linux-x86_64.sh

python - "$OUT/pkgs" <<'PY'
import hashlib, sys, urllib.request, yaml
out = sys.argv[1]
for p in yaml.safe_load(open("conda-lock.yml"))["package"]:
    dest = f"{out}/{p['url'].rsplit('/', 1)[1]}"
    urllib.request.urlretrieve(p["url"], dest)
    digest = hashlib.sha256(open(dest, "rb").read()).hexdigest()
    if digest != p["hash"]["sha256"]:
        sys.exit(f"hash mismatch for {p['name']}")
PY
cp conda-lock.yml environment.yml "$OUT/"
tar -czf "$OUT.tar.gz" "$OUT"
