#!/bin/sh
# the builder is built with tools/ as its context, but reads nothing from it
set -e
docker build -t ctx app/
