#!/bin/sh
docker build -t tool:latest .
