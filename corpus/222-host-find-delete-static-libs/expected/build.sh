#!/bin/sh
set -e
# the image needs the shared objects only
docker build -t libs .
