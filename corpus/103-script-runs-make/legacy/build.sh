#!/bin/sh
# CI entry point: the Makefile knows how to build.
set -e
make image TAG=corpus103-app
