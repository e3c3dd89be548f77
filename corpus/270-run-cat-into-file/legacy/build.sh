#!/bin/sh
set -e
docker build -t report-sdk -f Dockerfile.build .
# the builder prints the artifact; the shell writes it
docker run --rm report-sdk cat /out/report > report
docker build -t report .
rm -f report
