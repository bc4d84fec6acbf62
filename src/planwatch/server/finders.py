"""A staticfiles finder for the browser packages npm installs in the repository's frontend/ folder.

The pages load nothing from the internet: Apache ECharts comes from the npm
registry (`npm ci --prefix frontend`) and is served, and collected by
`collectstatic`, as static/echarts/echarts.min.js. Only that one file is
exposed, not the whole of node_modules.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder, searched_locations
from django.core import checks
from django.core.files.storage import FileSystemStorage

FRONTEND = Path(__file__).resolve().parents[3] / "frontend"
PREFIX = "echarts"
FILES = ("echarts.min.js",)


class NpmFinder(BaseFinder):
    """Finds echarts/echarts.min.js in frontend/node_modules/echarts/dist/."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or FRONTEND / "node_modules" / "echarts" / "dist"
        self.storage = FileSystemStorage(location=self.root)
        self.storage.prefix = PREFIX  # collectstatic stores the files under this prefix

    def check(self, **kwargs) -> list[checks.CheckMessage]:
        """A warning, not an error, when ECharts is missing: the pages work, showing the figures as tables."""
        if all((self.root / name).is_file() for name in FILES):
            return []
        return [
            checks.Warning(
                "未安装 ECharts，指标页的序时进度图改以表格显示。"
                " · Apache ECharts is not installed: the indicator pages show their figures as tables.",
                hint="在代码目录运行 npm ci --prefix frontend · run npm ci --prefix frontend in the repository.",
                obj=str(self.root),
                id="planwatch.W001",
            )
        ]

    def find(self, path: str, find_all: bool = False, **kwargs) -> str | list[str]:
        """The file's path (a list of it with find_all); an empty list when it is not here, as Django's own
        finders answer: django.contrib.staticfiles.finders.find() takes a None for a match."""
        if str(self.root) not in searched_locations:
            searched_locations.append(str(self.root))
        name = path.removeprefix(PREFIX + "/")
        found = self.root / name
        if name == path or name not in FILES or not found.is_file():
            return []
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns) -> Iterator[tuple[str, FileSystemStorage]]:
        for name in FILES:
            if (self.root / name).is_file():
                yield name, self.storage
