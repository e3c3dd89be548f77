#!/bin/sh
# one runtime Dockerfile, two targets, both built with podman
set -e
podman build --target debug -t tgt:debug .
podman build -t tgt .
