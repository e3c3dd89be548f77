$ErrorActionPreference = 'Stop'
$image = 'hello-ps'
& "$PSScriptRoot\scripts\Export-Artifact.ps1" -Image "${image}:build" -From /src/hello -To .\hello
docker build -t "${image}:latest" .
