@echo off
rem Build the binary in the SDK image, then package it.
setlocal
set TAG=hello-cmd

docker build -t %TAG%:build -f Dockerfile.build . || exit /b 1

for /f %%i in ('docker create %TAG%:build') do set ID=%%i
docker cp %ID%:/src/hello .\hello
docker rm -v %ID%

docker build ^
  -t %TAG%:latest .
del /q hello
