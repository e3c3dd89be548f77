#!/bin/sh
set -e
rm -rf out
docker build -t docs .
