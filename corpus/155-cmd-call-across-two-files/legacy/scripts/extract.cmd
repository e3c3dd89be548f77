@echo off
rem usage: extract.cmd IMAGE CONTAINER-PATH HOST-PATH
for /f "usebackq" %%c in (`docker create %1`) do set CID=%%c
docker cp %CID%:%2 %3
docker rm %CID% >nul
