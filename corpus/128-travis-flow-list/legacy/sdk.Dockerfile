FROM busybox:1.36
WORKDIR /w
RUN echo 'app' > app && chmod 755 app
