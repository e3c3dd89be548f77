#!/bin/sh
set -e
docker create --name osrel debian:bookworm-slim
docker cp -L osrel:/etc/os-release ./os-release
docker rm osrel
docker build -t stamped .
rm os-release
