#!/bin/sh
set -e
docker build -t crlf:build -f Dockerfile.build .
docker create --name crlf-x crlf:build
docker cp crlf-x:/out/crlf ./crlf
docker rm crlf-x
docker build -t crlf .
