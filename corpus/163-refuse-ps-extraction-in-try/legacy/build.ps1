$tag = "hello-ps"
try {
    docker build -t "${tag}:build" -f Dockerfile.build .
    $id = docker create "${tag}:build"
    docker cp "${id}:/src/hello" hello
    docker rm $id
} catch {
    Write-Error "could not extract the binary: $_"
    exit 1
}
docker build -t "${tag}:latest" .
Remove-Item hello
