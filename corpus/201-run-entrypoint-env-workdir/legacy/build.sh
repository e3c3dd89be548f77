#!/bin/sh
docker build -t tool:sdk -f Dockerfile.build .
docker run --name tool-release -e LEVEL=2 -w /work tool:sdk release
docker cp tool-release:/work/dist/tool tool
docker rm tool-release
docker build -t tool:latest .
