#!/bin/sh
set -e
docker build -t hello-c .
