#!/usr/bin/env bash
set -euo pipefail

URL="https://archive.ics.uci.edu/static/public/350/default+of+credit+card+clients.zip"
SHA256="30c6be3abd8dcfd3e6096c828bad8c2f011238620f5369220bd60cfc82700933"

mkdir -p data
curl -fsSL -o data/uci_credit.zip "$URL"
echo "${SHA256}  data/uci_credit.zip" | sha256sum -c -
unzip -o -q data/uci_credit.zip -d data/
python - <<'PY'
import pandas as pd
df = pd.read_excel("data/default of credit card clients.xls", header=1)
df.rename(columns={"default payment next month": "default"}).to_csv("data/credit_default.csv", index=False)
PY
