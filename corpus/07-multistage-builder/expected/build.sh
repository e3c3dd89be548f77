#!/bin/sh
set -e
docker build -t lib:latest .
