#!/bin/sh
# make-release FLAVOUR: writes dist/tool into the working directory
mkdir -p dist
printf '#!/bin/sh\necho "tool %s level %s"\n' "$1" "$LEVEL" > dist/tool
chmod 750 dist/tool
