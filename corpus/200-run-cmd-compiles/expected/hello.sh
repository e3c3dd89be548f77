#!/bin/sh
echo "hello from the run-time build"
