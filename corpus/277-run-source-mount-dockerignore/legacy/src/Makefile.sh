#!/bin/sh
# builds ./build/calc from ./calc.in, in the directory it is run from
set -e
mkdir -p build
sed 's/@VERSION@/1.2/' calc.in > build/calc
chmod 750 build/calc
