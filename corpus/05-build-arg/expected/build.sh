#!/bin/bash
set -e
VERSION=${VERSION:-1.4.2}

docker build --build-arg VERSION="$VERSION" -t tool:"$VERSION" .
