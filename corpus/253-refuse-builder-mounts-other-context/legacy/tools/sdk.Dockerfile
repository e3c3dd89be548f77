# syntax=docker/dockerfile:1
FROM busybox:1.36
WORKDIR /w
RUN --mount=type=bind,target=/src cp /src/hello.sh hello && chmod 755 hello
