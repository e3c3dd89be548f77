#!/bin/sh
set -e
# the SDK image writes the program into ./dist through a bind mount
docker build -t greet .
