#!/bin/sh
# Packages the binary for the download page.
set -e
./scripts/extract-binary.sh release
tar czf greeter.tgz -C release greeter
