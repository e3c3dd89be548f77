#!/bin/sh
set -e
docker build -t multi:latest .
