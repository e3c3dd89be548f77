# Copies one path out of an image: Export-Artifact.ps1 -Image IMG -From /path -To host\path
param(
    [Parameter(Mandatory)] [string] $Image,
    [Parameter(Mandatory)] [string] $From,
    [Parameter(Mandatory)] [string] $To
)
$container = docker create $Image
docker cp "${container}:$From" $To
docker rm -v $container | Out-Null
