@echo off
REM Package the site: build it in a throwaway image, copy it out, build the server image.
setlocal EnableExtensions
set NAME=web-extract
set OUT=stage

if exist %OUT% rd /s /q %OUT%
mkdir %OUT%

docker build -t web-cmd:build -f Dockerfile.build . && docker create --name %NAME% web-cmd:build
if errorlevel 1 exit /b 1
docker cp %NAME%:/work/dist %OUT%\dist
docker rm %NAME% >nul

docker build -t web-cmd:latest . || goto :failed
rmdir /S /Q %OUT%
echo built web-cmd:latest
goto :eof

:failed
echo the image did not build 1>&2
exit /b 1
