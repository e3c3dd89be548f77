#!/bin/sh
set -e
docker build -t done:latest .
