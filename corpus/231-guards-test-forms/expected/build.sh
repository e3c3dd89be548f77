#!/bin/bash
set -e
if [[ -x out/server && -f out/server.version ]]; then
  echo "reusing out/server"
else
  :
fi
docker build -t grd:latest .
