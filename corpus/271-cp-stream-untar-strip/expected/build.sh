#!/bin/sh
set -e
docker build -t tar1 .
