#!/bin/sh
# Usage: ci/compile.sh DEST - builds the site in the builder image and copies it to DEST.
set -eu
dest="$1"
rm -rf "$dest"
