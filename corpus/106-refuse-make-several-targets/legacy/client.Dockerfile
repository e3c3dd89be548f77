FROM busybox:1.36
COPY client.bin /client
