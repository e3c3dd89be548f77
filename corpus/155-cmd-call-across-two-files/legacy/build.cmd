@echo off
setlocal
cd /d %~dp0
set IMAGE=hello-cmd
docker build -t %IMAGE%:build -f Dockerfile.build . || exit /b 1
if not exist bin mkdir bin
call scripts\extract.cmd %IMAGE%:build /src/hello bin\hello
if errorlevel 1 exit /b 1
docker build -t %IMAGE%:latest . && rd /s /q bin
