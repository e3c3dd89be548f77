#!/bin/sh
# Builds the builder image and copies its output to $1.
set -e
