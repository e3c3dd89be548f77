#!/bin/sh
set -e
docker build -t hello-sdk -f Dockerfile.build .
docker create --name hello-job hello-sdk
docker start -a hello-job
docker cp hello-job:/src/out/hello ./hello
docker rm hello-job
docker build -t hello .
rm -f hello
