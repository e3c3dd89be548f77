$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot


docker build -t tools-win:latest .
