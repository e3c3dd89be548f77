@echo off
REM Package the site: build it in a throwaway image, copy it out, build the server image.
setlocal EnableExtensions
set NAME=web-extract
set OUT=stage

if exist %OUT% rd /s /q %OUT%


docker build -t web-cmd:latest . || goto :failed
echo built web-cmd:latest
goto :eof

:failed
echo the image did not build 1>&2
exit /b 1
