#!/bin/sh
echo Building alexellis2/href-counter:build

echo Building alexellis2/href-counter:latest

docker build --build-arg https_proxy=$https_proxy --build-arg http_proxy=$http_proxy -t alexellis2/href-counter:latest .
