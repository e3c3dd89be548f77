#!/bin/sh
# "Compiles" greet.sh into the output directory given as $1.
set -e
mkdir -p "$1/bin"
{ echo '#!/bin/sh'; grep -v '^#' greet.sh; } > "$1/bin/greet"
chmod 755 "$1/bin/greet"
echo "built by build-tool" > "$1/BUILD-INFO"
