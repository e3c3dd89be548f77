$ErrorActionPreference = 'Stop'
$image = 'hello-ps'
docker build -t "${image}:build" -f Dockerfile.build .
& "$PSScriptRoot\scripts\Export-Artifact.ps1" -Image "${image}:build" -From /src/hello -To .\hello
docker build -t "${image}:latest" .
Remove-Item .\hello
