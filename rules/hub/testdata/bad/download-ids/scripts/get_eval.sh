#!/bin/sh
set -e
python download_eval.py --repo-id acme/asr-eval-set --split-file test.jsonl
