"""Fixtures for the plugin tests: a fresh virtual environment to install plugin packages into."""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

import pytest
from pluginkit import run


@pytest.fixture
def plugin_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment whose own site-packages start empty and which sees the
    project's environment (helpdesk-loyalty, pytest, the dependencies) through a ``.pth``
    file; the python to run in it. ``site.addsitedir`` also runs that environment's ``.pth``
    files, so the editable install of helpdesk-loyalty works there too."""
    venv = tmp_path_factory.mktemp("plugin-venv")
    created = run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv)
    assert created.returncode == 0, created.stderr
    python = venv / "bin" / "python"
    purelib = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=venv
    )
    ours = sysconfig.get_path("purelib")
    Path(purelib.stdout.strip(), "_project_env.pth").write_text(
        f"import site; site.addsitedir({ours!r})\n", encoding="utf-8"
    )
    return python
