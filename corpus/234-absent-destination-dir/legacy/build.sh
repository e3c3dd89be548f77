#!/bin/sh
# bin/ and build/etc/ are git-ignored; they exist on the maintainer's machine.
set -e
docker build -t hdir:build -f Dockerfile.build .
docker create --name hdir-x hdir:build
docker cp hdir-x:/w/app bin/app
docker cp hdir-x:/w/app.conf build/etc/app.conf
docker rm hdir-x
docker build -t hdir .
