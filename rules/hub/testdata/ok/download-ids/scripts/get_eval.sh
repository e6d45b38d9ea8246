#!/bin/sh
set -e
python download_eval.py --repo-id acme/asr-eval-set --revision 4f2c1a9be07d3c5a8e6b1d2f0a9c8b7e6d5f4a3b
