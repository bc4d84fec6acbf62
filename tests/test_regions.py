"""Regions with their GB/T 2260 codes and parents, and a plan's region name taken to one of them."""

from __future__ import annotations

from planwatch.plan.regions import NATION, ancestors, children, find, lineage, regions, short_name


def test_every_level_is_there_with_six_digit_codes():
    table = regions()
    levels = [r.level for r in table.values()]
    assert levels.count("national") == 1
    assert levels.count("province") >= 33  # 34 provincial regions, 台湾省 listed without a code
    assert levels.count("city") >= 330
    assert levels.count("county") + levels.count("district") >= 2800
    assert all(len(code) == 6 and code.isdigit() for code in table)
    assert all(r.parent in table for r in table.values() if r.code != NATION)


def test_known_codes_and_parents():
    (weidu,) = find("许昌市魏都区")
    assert (weidu.code, weidu.level) == ("411002", "district")
    assert [r.code for r in ancestors(weidu.code)] == ["411000", "410000", NATION]
    assert [r.name for r in lineage(weidu.code)] == ["河南省", "许昌市"]
    (beijing,) = find("北京市")
    assert (beijing.code, beijing.level) == ("110000", "province")  # a municipality is provincial
    (guangzhou,) = find("广州市")
    assert (guangzhou.code, guangzhou.parent) == ("440100", "440000")
    assert "440106" in {r.code for r in children("440100")}  # 天河区


def test_a_name_shared_by_several_regions_is_narrowed_by_the_places_before_it():
    assert len(find("鼓楼区")) >= 4
    assert [r.code for r in find("南京市鼓楼区")] == ["320106"]
    assert [r.code for r in find("河南省许昌市魏都区")] == ["411002"]
    assert [r.code for r in find("北京市朝阳区")] == ["110105"]


def test_short_names():
    assert short_name("许昌市") == "许昌"
    assert short_name("新疆维吾尔自治区") == "新疆"
    assert short_name("城区") == "城区"
    assert find("不是地名") == []
