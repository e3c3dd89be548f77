#!/bin/bash
set -e

publish() {
    if [[ "$1" == release-* ]]; then
        docker push svc:latest
    fi
}

docker build -t svc:latest .
