#!/bin/sh
# bin/ is git-ignored: `docker cp … bin/` needs it there, and /src/hello is a file (gcc -o)
set -e
docker build -t tyfile .
