#!/bin/sh
# Usage: extract-binary.sh OUTDIR — builds the SDK image and copies the binary into OUTDIR.
set -e
OUT="$1"

