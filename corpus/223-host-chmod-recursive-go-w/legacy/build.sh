#!/bin/sh
set -e
docker build -t site:build -f Dockerfile.build .
docker create --name site-x site:build
docker cp site-x:/w/site ./site
docker rm site-x
chmod -R go-w site
chmod +x site/bin/serve
docker build -t site .
rm -rf site
