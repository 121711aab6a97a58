"""`.github/CODEOWNERS` from every provider's ``maintainers``.

Each provider folder is owned by its maintainers, everything else by the project's
maintainers (the ``*`` line, the one line people edit). GitHub applies the last matching
line, so the ``*`` line comes first. GitHub reads CODEOWNERS from the base branch, so a pull
request that edits it changes nothing until it is merged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.layout import ID_PATTERN
from generator.loading import load_file

PATH = ".github/CODEOWNERS"
# The schema's pattern for a handle. Anything else (a space, a newline) could add a rule of
# its own to CODEOWNERS, so it is left out here and reported by the validator.
HANDLE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?$")
HEADER = (
    "# Written by `catalogue codeowners` from the `maintainers` of each provider.yaml; "
    "do not edit it by hand,\n"
    "# except the `*` line: the project's maintainers, who own everything no later line names.\n"
    "# After a change to a provider's maintainers, run `catalogue codeowners` and commit this file.\n"
)


def provider_maintainers(catalogue: Path) -> dict[str, tuple[str, ...]]:
    """Provider id → its valid maintainer handles, read with the catalogue's loader."""
    found: dict[str, tuple[str, ...]] = {}
    for file in sorted(catalogue.glob("*/provider.yaml")):
        provider_id = file.parent.name
        data = load_file(file).data
        handles = data.get("maintainers") if isinstance(data, dict) else None
        if ID_PATTERN.fullmatch(provider_id) and isinstance(handles, list):
            valid = tuple(h for h in handles if isinstance(h, str) and HANDLE.fullmatch(h))
            if valid:
                found[provider_id] = valid
    return found


def project_owners(text: str) -> list[str]:
    """The handles of the ``*`` line of an existing CODEOWNERS file."""
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if fields and fields[0] == "*":
            return fields[1:]
    return []


def render(project: Sequence[str], providers: Mapping[str, Sequence[str]], catalogue: str) -> str:
    """The whole file. ``catalogue`` is the catalogue folder relative to the repository top."""
    prefix = "/" + catalogue.strip("/") + "/" if catalogue.strip("/.") else "/"
    lines = [HEADER, f"* {' '.join(project)}", ""]
    width = max((len(prefix + p) + 1 for p in providers), default=0)
    lines += [
        f"{prefix + pid + '/':<{width}} {' '.join(handles)}" for pid, handles in sorted(providers.items())
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def expected(top: Path, catalogue: Path, project: Sequence[str] | None = None) -> str:
    """What CODEOWNERS should say now; the project's owners are kept from the current file."""
    current = top / PATH
    owners = (
        list(project) if project else project_owners(current.read_text("utf-8") if current.is_file() else "")
    )
    if not owners:
        raise ValueError(
            f"no project maintainers: {PATH} has no `*` line yet; pass them with --project-owner @handle"
        )
    return render(owners, provider_maintainers(catalogue), catalogue.resolve().relative_to(top).as_posix())
