#!/bin/sh
# the program
echo "hello from an output bind mount"
