$ErrorActionPreference = 'Stop'
docker build -t props-ps:build -f Dockerfile.build .
$id = docker create props-ps:build
docker cp "${id}:/src/app.properties" .
docker rm $id
(Get-Content app.properties) -replace 'dev', $env:BUILD_VERSION | Set-Content app.properties
docker build -t props-ps:latest .
Remove-Item app.properties
