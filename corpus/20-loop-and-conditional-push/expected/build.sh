#!/bin/bash
set -e
docker build -t tools:latest .
if [ "${PUSH:-no}" = "yes" ]; then
  docker push tools:latest
fi
