FROM busybox:1.36
COPY server.bin /server
