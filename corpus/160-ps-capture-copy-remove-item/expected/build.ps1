# Build the binary in the SDK image, then package it.
$ErrorActionPreference = 'Stop'
$tag = "hello-ps"



docker build `
  -t "${tag}:latest" .
