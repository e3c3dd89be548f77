#!/bin/sh
# bin/ and build/etc/ are git-ignored; they exist on the maintainer's machine.
set -e
docker build -t hdir .
