#!/bin/sh
# public/ is git-ignored; /site is a directory (mkdir), so docker cp makes public/ its copy
set -e
docker build -t tydir .
