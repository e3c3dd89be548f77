#!/bin/bash
# bash features bashlex cannot parse on its own: case, [[ ]], arrays, $(( ))
set -euo pipefail
TAGS=(calc:latest calc:v1)
mode=${1:-build}
if [[ -n "${DEBUG:-}" && "$mode" != release ]]; then
  set -x
fi
docker build -t "${TAGS[0]}" .
count=$(( ${#TAGS[@]} - 1 ))
case "$mode" in
  release) echo "would push $count more tags" ;;
  *) echo "built ${TAGS[0]}" ;;
esac
