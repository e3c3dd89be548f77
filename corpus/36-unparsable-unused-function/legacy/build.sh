#!/bin/bash
set -e

publish() {
    if [[ "$1" == release-* ]]; then
        docker push svc:latest
    fi
}

docker build -t svc:build -f Dockerfile.build .
docker create --name svc-x svc:build
docker cp svc-x:/out/svc ./svc
docker rm svc-x
docker build -t svc:latest .
rm svc
