#!/bin/sh
echo "hello from $(cat /app/VERSION)"
