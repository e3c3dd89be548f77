#!/bin/sh
set -e
docker build -t tarf-sdk -f Dockerfile.build .
docker create --name tarf-x tarf-sdk
docker cp tarf-x:/out/tool - > tool.tar
docker rm tarf-x
tar -xf tool.tar
docker build -t tarf .
