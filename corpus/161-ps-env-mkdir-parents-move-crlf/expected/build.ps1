#Requires -Version 7
# Builds the docs in the builder image and serves them from busybox httpd.
$ErrorActionPreference = 'Stop'
$env:SITE_TAG = 'docs-ps'
$out = Join-Path $PSScriptRoot 'out'


docker build `
    --tag "${env:SITE_TAG}:latest" `
    .
