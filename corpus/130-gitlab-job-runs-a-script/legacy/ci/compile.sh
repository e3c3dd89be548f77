#!/bin/sh
# Usage: ci/compile.sh DEST - builds the site in the builder image and copies it to DEST.
set -eu
dest="$1"
docker build -t site-builder -f ci/Dockerfile.compile .
cid=$(docker create site-builder)
rm -rf "$dest"
docker cp "$cid:/site/public" "$dest"
docker rm "$cid" >/dev/null
