#!/bin/sh
# the runtime image is built twice, for two tags; the second build goes through buildx
set -e
docker build -t twice:1.0 .
docker buildx build --load -t twice:latest .
