#!/bin/sh
# The same builder pattern, written for podman.
set -e
podman build -t pod:build -f Containerfile.build .
podman create --name pod-x pod:build
podman cp pod-x:/opt/pod/bin/podtool ./podtool
podman rm pod-x
podman build -t pod:latest -f Containerfile .
rm podtool
