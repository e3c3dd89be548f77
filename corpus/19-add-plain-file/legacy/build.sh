#!/bin/sh
set -e
docker build -t adder:build -f Dockerfile.build .
docker create --name adder-x adder:build
docker cp adder-x:/out/adder ./adder
docker rm adder-x
docker build -t adder .
rm adder
