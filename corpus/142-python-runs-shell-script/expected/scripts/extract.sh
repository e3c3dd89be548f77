#!/bin/sh
# Usage: scripts/extract.sh OUTDIR (from the repository root)
set -e
OUT="$1"

