# Build the binary in the SDK image, then package it.
$ErrorActionPreference = 'Stop'
$tag = "hello-ps"

docker build -t "${tag}:build" -f Dockerfile.build .
if ($LASTEXITCODE -ne 0) { throw "builder failed" }

$id = docker create "${tag}:build"
New-Item -ItemType Directory -Force -Path out | Out-Null
docker cp "${id}:/src/hello" out\hello
docker rm -v $id

Copy-Item out\hello .\hello
docker build `
  -t "${tag}:latest" .
Remove-Item -Recurse -Force out
Remove-Item hello
