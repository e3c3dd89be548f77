@echo off
rem Build the binary in the SDK image, then package it.
setlocal
set TAG=hello-cmd



docker build ^
  -t %TAG%:latest .
