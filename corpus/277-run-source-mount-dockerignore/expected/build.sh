#!/bin/sh
set -e
docker build -t calc2 .
