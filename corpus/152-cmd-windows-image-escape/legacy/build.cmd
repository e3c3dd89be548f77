@echo off
setlocal
docker build -t app-win:build -f Dockerfile.build . || exit /b
docker create --name app-win-extract app-win:build
docker cp app-win-extract:C:\publish publish
docker rm app-win-extract
docker build -t app-win:latest .
rd /s /q publish
