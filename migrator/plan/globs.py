"""A wildcard COPY over an extracted directory (capability-classes §GL): `COPY out/app-*.war
/srv/ROOT.war` where out/ is the extracted /build/libs. When the directory the wildcard searches is
exactly the container's directory, untouched on the host (nothing laid over it or into it, no
mode changed, no host command rerun over it), the same wildcard under the container path matches the same names:
`COPY --from=<stage> /build/libs/app-*.war /srv/ROOT.war`. A directory made empty first and the
extracted contents merged into it (`mkdir -p out && docker cp c:/build/libs/. out/`) holds the
same names too. Anything else is refused (MIG117)."""

from __future__ import annotations

import posixpath

from migrator.hostfs import EmptyDir, Extracted, HostFiles, within

WILDCARD = "*?["


def wildcard_root(host: str) -> str:
    """The directory a wildcard source searches: its path up to the first component with a wildcard."""
    parts = host.split("/")
    first = next(i for i, part in enumerate(parts) if any(c in part for c in WILDCARD))
    return "/".join(parts[:first]) or "."


def extracted_root(files: HostFiles, root: str) -> Extracted | None:
    """The extracted directory that ROOT is exactly, or None when ROOT holds anything else too."""
    layers = [layer for layer in files.layers if within(layer.at, root) or within(root, layer.at)]
    pieces = files.compose(root)
    if [p.rel for p in pieces] not in ([""], ["", ""]) or not layers:
        return None
    if len(pieces) == 2 and not (isinstance(pieces[0].content, EmptyDir) and pieces[1].merged):
        return None
    content = pieces[-1].content
    if not isinstance(content, Extracted) or content.mode is not None or content.mode_if_file is not None \
            or content.post:  # host commands changed it after the copy (a derived stage reruns them)
        return None
    if len(layers) != len(pieces):  # something was laid over or into it, or removed from it
        return None
    return content


def container_pattern(content: Extracted, root: str, host: str) -> str:
    return posixpath.join(content.path, posixpath.relpath(host, root))
