#!/usr/bin/env python3
"""Builds with the Docker SDK for Python: the SDK image, then the artifact pulled out as a tar stream."""
import io
import tarfile

import docker

client = docker.from_env()
client.images.build(path=".", dockerfile="Dockerfile.build", tag="py144-app:build")
container = client.containers.create("py144-app:build")
bits, _ = container.get_archive("/src/app")
with tarfile.open(fileobj=io.BytesIO(b"".join(bits))) as archive:
    archive.extractall(".")
container.remove()
client.images.build(path=".", tag="py144-app:latest")
