#!/bin/sh
set -e
podman build -t rel:build -f Containerfile.build .
podman create --name rel-x rel:build
podman cp rel-x:bin/tool ./tool
podman rm rel-x
podman build -t rel -f Containerfile .
