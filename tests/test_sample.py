"""The sample plan (Weidu district's 14th plan, scraped) against its hand-checked reading."""

from __future__ import annotations

import json

import jsonschema

from planwatch.plan.model import plan_schema
from tests.tablecheck import mismatches


def test_metadata(sample_plan, expected):
    assert sample_plan.title == expected["title"]
    assert sample_plan.region == expected["region"]
    assert [sample_plan.period.start, sample_plan.period.end] == expected["period"]
    assert sample_plan.published == expected["published"]


def test_outline_equals_the_contents(sample_plan, expected):
    chapters = [n for n in sample_plan.outline if n.level == "chapter"]
    assert [(c.number, c.title, c.page) for c in chapters] == [
        (c["number"], c["title"], c["page"]) for c in expected["outline"]
    ]
    for got, want in zip(chapters, expected["outline"], strict=True):
        sections = [n for n in got.children if n.level == "section"]
        assert [(s.number, s.title, s.page) for s in sections] == [
            (s["number"], s["title"], s["page"]) for s in want["sections"]
        ]


def test_body_chapters_have_their_text(sample_plan, expected):
    in_body = [n.number for n in sample_plan.outline if n.in_body]
    assert in_body == expected["body_chapters_present"]
    first = sample_plan.outline[0]
    assert first.text.startswith("“十四五”时期是我国全面建成小康社会")
    section = first.children[0]
    assert section.text.startswith("“十三五”时期,面对错综复杂的国际国内环境")
    assert "综合实力显著提升" in section.text
    # the table is a box of its own, not part of the section's text
    assert "170以上" not in section.text
    assert [c.level for c in section.children] == ["box"]


def test_truncation_is_reported(sample_plan, expected):
    assert sample_plan.truncated is expected["truncated"]
    assert [m[:3] for m in sample_plan.missing_chapters] == [
        "第五章",
        "第六章",
        "第七章",
        "第八章",
        "第九章",
        "第十章",
        "第十一",
    ]
    assert any(w.code == "truncated" for w in sample_plan.warnings)
    chapter4 = sample_plan.outline[3]
    assert [s.in_body for s in chapter4.children if s.level == "section"] == [True, True, False]


def test_both_tables_cell_for_cell(sample_plan, expected):
    assert len(sample_plan.tables) == 2
    for got, want in zip(sample_plan.tables, expected["tables"], strict=True):
        assert got.caption.replace(" ", ":").startswith(want["caption"][:3])
        assert got.cell_columns == want["cell_columns"]
        assert got.groups == want["groups"]
        assert mismatches(got, want) == []


def test_rows_carry_units_categories_and_attributes(sample_plan, expected):
    for got, want in zip(sample_plan.tables, expected["tables"], strict=True):
        for want_row in want["rows"]:
            for w in want_row.get("subrows") or [want_row]:
                row = next(r for r in got.rows if r.name.replace("Ⅲ", "III") == w["name"].replace("Ⅲ", "III"))
                assert row.category == w["category"], row.name
                assert row.attribute == w.get("attribute"), row.name
                # 其他国家要求的污染物排放量() prints no unit and its name does not say %: left unknown
                if w["name"] != "其他国家要求的污染物排放量":
                    assert row.unit == w["unit"], row.name


def test_uncertain_cells_list_their_alternatives(sample_plan):
    table2 = sample_plan.tables[1]
    row = next(r for r in table2.rows if r.name == "全员劳动生产率增长")
    assert [c.raw for c in row.cells] == ["", "6.2", "", "5.5"]
    assert row.cells[3].uncertain and "5" in row.cells[3].alternatives
    # printed 6.2)55: without the lost decimal point, 55 is two cells, 5 and 5
    assert any(alt[3] == "5" and "5" in alt[:3] for alt in row.alternatives)
    assert "丢了小数点" in " ".join(row.notes) and "decimal point lost" in " ".join(row.note_texts("en"))


def test_cells_are_read_with_the_grammar(sample_plan):
    box1, table2 = sample_plan.tables
    gdp = box1.rows[0]
    assert (gdp.cells[0].reading.value, gdp.cells[0].reading.comparator) == (170, "ge")
    life = next(r for r in table2.rows if r.name == "人均预期寿命")
    assert life.cells[2].reading.kind == "cumulative" and life.cells[2].uncertain
    energy = next(r for r in table2.rows if r.name == "单位GDP能源消耗降幅")
    assert energy.cells[2].reading.kind == "higher_plan"
    beds = next(r for r in box1.rows if r.name == "养老床位数")
    assert (beds.cells[0].reading.value, beds.cells[0].reading.per) == (35, "千人")


def test_json_validates_against_the_schema(sample_plan):
    data = json.loads(sample_plan.model_dump_json())
    jsonschema.validate(data, plan_schema())
    assert {"title", "region", "period", "outline", "tables", "warnings"} <= data.keys()
