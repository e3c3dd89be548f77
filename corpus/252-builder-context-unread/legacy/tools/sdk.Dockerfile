FROM busybox:1.36
WORKDIR /w
RUN printf '#!/bin/sh\necho "made by the sdk image"\n' > hello && chmod 755 hello
