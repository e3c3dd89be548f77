#!/bin/sh
# Compiles in the builder image and leaves the output in ./dist.
set -e
