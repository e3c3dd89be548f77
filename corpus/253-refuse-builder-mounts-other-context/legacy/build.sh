#!/bin/sh
# the builder reads tools/ through a bind mount: the runtime context has no hello.sh
set -e
docker build -t ctxm:sdk -f tools/sdk.Dockerfile tools/
docker create --name ctxm-x ctxm:sdk
docker cp ctxm-x:/w/hello app/hello
docker rm ctxm-x
docker build -t ctxm app/
