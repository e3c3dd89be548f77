#!/bin/sh
# Installs what the e2e tests build with when it is missing and this runs as root: podman and
# buildah (the engine), busybox-static and debootstrap (for the offline stand-in base images),
# GNU make (verify runs Makefile flows with it; the golden test reads rewritten Makefiles with it)
# and jq (the README's fleet hand-off recipe, which a test runs).
# Otherwise it says what is missing and the e2e tests skip, each saying why.
set -e
missing=
for tool in podman buildah busybox debootstrap make jq; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing="$missing $tool"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-engine: missing:$missing; installing needs root and apt-get, so the e2e tests will skip" >&2
  exit 0
fi
echo "install-engine: installing$missing with apt-get" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman buildah busybox-static debootstrap make jq >/dev/null
