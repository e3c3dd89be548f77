#Requires -Version 7
# Builds the docs in the builder image and serves them from busybox httpd.
$ErrorActionPreference = 'Stop'
$env:SITE_TAG = 'docs-ps'
$out = Join-Path $PSScriptRoot 'out'

mkdir "$out\html" | Out-Null   # creates out\ too
docker build -t "${env:SITE_TAG}:build" -f Dockerfile.build . && docker create --name docs-ps-x "${env:SITE_TAG}:build"
docker cp docs-ps-x:/build/html/. "$out\html"
docker rm docs-ps-x | Out-Null

mkdir pkg | Out-Null
Move-Item -Path $out\html -Destination pkg\www
docker build `
    --tag "${env:SITE_TAG}:latest" `
    .
Remove-Item -Recurse -Force $out, pkg
