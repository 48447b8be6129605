"""The one build step pyproject.toml cannot say: the shipped lesson (content/) and the kiosk's own assets
(assets/) stay at the top of the repository, where the practitioner and reviewers find them, and go into the
package as kiosk/_shipped/content and kiosk/_shipped/assets, where an installed kiosk finds them
(kiosk.core.paths). An editable install reads them from the checkout instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SHIPPED = ("assets", "content")


def _regular_files(top: Path) -> list[Path]:
    """Every regular file under top, links left out: a link in the lesson must not pull in its target."""
    return sorted(
        Path(folder) / name
        for folder, folders, names in os.walk(top)
        for name in names
        if not name.startswith(".")
        and (Path(folder) / name).is_file()
        and not (Path(folder) / name).is_symlink()
        and "__pycache__" not in Path(folder).parts
    )


class BuildWithShipped(build_py):
    """build_py, then the shipped trees copied file by file into the build's kiosk/_shipped/."""

    def run(self) -> None:
        super().run()
        for name in SHIPPED:
            for source in _regular_files(Path(name)):
                target = Path(self.build_lib) / "kiosk" / "_shipped" / source
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


setup(cmdclass={"build_py": BuildWithShipped})
