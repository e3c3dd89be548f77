@echo off
setlocal
docker build -t app-win:latest .
