#!/bin/sh
# The same builder pattern, written for podman.
set -e
podman build -t pod:latest -f Containerfile .
