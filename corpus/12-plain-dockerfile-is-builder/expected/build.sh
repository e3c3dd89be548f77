#!/bin/sh
docker build -t calc -f Dockerfile.run .
