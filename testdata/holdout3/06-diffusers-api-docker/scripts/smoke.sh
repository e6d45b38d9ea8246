#!/usr/bin/env bash
# Smoke test against a locally running container.
set -euo pipefail
curl -fsS http://localhost:8000/healthz
curl -fsS -X POST http://localhost:8000/generate \
  -H 'content-type: application/json' \
  -d '{"prompt": "a red cube on a table", "steps": 4, "seed": 1}' \
  -o /tmp/smoke.png
file /tmp/smoke.png | grep -q PNG
