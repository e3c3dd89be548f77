#!/bin/sh
docker build -t calc-builder .
docker create --name calc-tmp calc-builder
docker cp calc-tmp:/usr/src/calc/calc .
docker rm calc-tmp
docker build -t calc -f Dockerfile.run .
