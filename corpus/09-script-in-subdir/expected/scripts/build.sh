#!/bin/bash
set -e
cd "$(dirname "$0")/.."

docker build -t sub:latest -f docker/Dockerfile .
