#!/bin/sh
set -e
docker build -t svc:latest .
