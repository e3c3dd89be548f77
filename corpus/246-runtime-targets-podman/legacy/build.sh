#!/bin/sh
# one runtime Dockerfile, two targets, both built with podman
set -e
podman build -t tgt:build -f Dockerfile.build .
podman create --name tgt-x tgt:build
podman cp tgt-x:/out ./out
podman rm tgt-x
podman build --target debug -t tgt:debug .
podman build -t tgt .
