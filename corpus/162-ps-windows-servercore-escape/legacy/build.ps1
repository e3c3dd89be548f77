$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

docker build -t tools-win:build -f Dockerfile.build .
$cid = docker create tools-win:build
docker cp "${cid}:C:\dist" .\dist
docker rm $cid

docker build -t tools-win:latest .
Remove-Item .\dist -Recurse
