@echo off
set TAG=hello-cmd
docker build -t %TAG%:build -f Dockerfile.build .
docker create --name hello-x %TAG%:build
mkdir out
docker cp hello-x:/src out
docker rm hello-x
for %%f in (out\src\hello*) do copy /y %%f . >nul
docker build -t %TAG%:latest .
rd /s /q out
del hello
