@echo off
setlocal
cd /d %~dp0
set IMAGE=hello-cmd
call scripts\extract.cmd %IMAGE%:build /src/hello bin\hello
if errorlevel 1 exit /b 1
docker build -t %IMAGE%:latest .
