@echo off
set TAG=hello-cmd
docker build -t %TAG%:build -f Dockerfile.build .
set TRIES=0
:retry
set /a TRIES+=1
docker create --name hello-x %TAG%:build
if errorlevel 1 if %TRIES% lss 3 goto retry
docker cp hello-x:/src/hello hello
docker rm hello-x
docker build -t %TAG%:latest .
del hello
