#!/bin/sh
set -e
rm -f build.cid
rm -f build.cid
docker build -t cid:latest .
