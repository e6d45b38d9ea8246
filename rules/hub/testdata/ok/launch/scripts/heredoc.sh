#!/usr/bin/env bash
# A heredoc's body is text: the usage line is not a command.
if [ $# -lt 1 ]; then
  cat <<USAGE
usage: $0 MODEL [REVISION]
  e.g. $0 org/llm-7b, which runs
       python train.py --model org/llm-7b
USAGE
  exit 1
fi
python train.py --model "$1" --revision "${2:-}"
