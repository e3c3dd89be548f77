#!/bin/sh
# the builder is built with tools/ as its context, but reads nothing from it
set -e
docker build -t ctx:sdk -f tools/sdk.Dockerfile tools/
docker create --name ctx-x ctx:sdk
docker cp ctx-x:/w/hello app/hello
docker rm ctx-x
docker build -t ctx app/
