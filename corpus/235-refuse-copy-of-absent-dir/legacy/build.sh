#!/bin/sh
# plugins/ is git-ignored and may hold plugins a developer dropped there by hand.
set -e
docker build -t plg:build -f Dockerfile.build .
docker create --name plg-x plg:build
docker cp plg-x:/out/plugin.sh plugins/plugin.sh
docker rm plg-x
docker build -t plg .
