"""Scaffolding for ``new-rule``: an installable rule plugin package from templates.

The package has a ``pyproject.toml`` whose entry point (group ``helpdesk_loyalty``) registers
the rule under its name, the rule module in ``src/<name>/``, a test that uses the testing kit,
and a README. The templates are the ``*.tmpl`` files beside this module (``string.Template``
placeholders: ``$name``, ``$project``, ``$title``, ``$tag``, ``$phrase``, ``$hl_version``).
"""

from __future__ import annotations

import keyword
import re
from importlib import resources
from pathlib import Path
from string import Template

from .. import __version__
from ..errors import ConfigError
from ..host import BUILTIN_MODULES

__all__ = ["module_name", "render_plugin"]

_SLUG = re.compile(r"^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*$")
_TAKEN = {m.rsplit(".", 1)[-1] for m in BUILTIN_MODULES} | {"adapters", "helpdesk_loyalty"}

# (template, path in the package); "{name}" is the module name.
_FILES = (
    ("pyproject.toml.tmpl", "pyproject.toml"),
    ("README.md.tmpl", "README.md"),
    ("gitignore.tmpl", ".gitignore"),
    ("rule.py.tmpl", "src/{name}/__init__.py"),
    ("test_rule.py.tmpl", "tests/test_{name}.py"),
)


def module_name(slug: str) -> str:
    """The rule's module and plugin name for ``slug`` (``enterprise-invoice`` ->
    ``enterprise_invoice``); :class:`ConfigError` when it cannot be one."""
    if not _SLUG.match(slug):
        raise ConfigError(
            "NAME",
            f"{slug!r} is not a rule name",
            "use lower-case letters, digits and _ or -, starting with a letter "
            "(e.g. enterprise_invoice)",
        )
    name = slug.replace("-", "_")
    if keyword.iskeyword(name) or name in _TAKEN:
        raise ConfigError("NAME", f"{name!r} is taken", "choose another name for the rule")
    return name


def render_plugin(slug: str, parent: Path) -> tuple[Path, list[Path]]:
    """Write the plugin package for ``slug`` into ``parent/<name>``; the folder and the files
    written. Refuses (:class:`ConfigError`) a folder that already exists."""
    name = module_name(slug)
    root = parent / name
    if root.exists():
        raise ConfigError(
            "NAME", f"{root} already exists", "choose another name or --dir; nothing was written"
        )
    values = {
        "name": name,
        "project": "helpdesk-loyalty-" + name.replace("_", "-"),
        "title": name.replace("_", " ").capitalize(),
        "tag": name.replace("_", "-"),
        "phrase": "invoice",
        "hl_version": __version__,
    }
    templates = resources.files(__package__)
    written = []
    for template, target in _FILES:
        text = Template(templates.joinpath(template).read_text("utf-8")).substitute(values)
        path = root / target.format(name=name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return root, written
