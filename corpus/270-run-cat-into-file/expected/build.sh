#!/bin/sh
set -e
# the builder prints the artifact; the shell writes it
docker build -t report .
