#!/bin/sh
set -e
docker build -t rargs:1.0 .
docker build --build-arg CHANNEL=beta -t rargs:beta .
