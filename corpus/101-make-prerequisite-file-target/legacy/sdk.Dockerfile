FROM busybox:1.36
WORKDIR /src
RUN mkdir -p out && printf '#!/bin/sh\necho tool 1.2\n' > out/tool && chmod 755 out/tool
