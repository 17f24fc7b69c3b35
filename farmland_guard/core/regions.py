"""Which city and province a county belongs to (DESIGN.md §4.1): by default the 4- and 2-digit
prefixes of its 6-digit XZQDM, padded with zeros; 省直辖 county-level units (the 90 "city" of a
province: 419001 济源, 4290xx, 4690xx, 6590xx…) belong to their province directly. A region
table (county → parent) overrides the default for the counties it names."""

from __future__ import annotations

import re

COUNTY, CITY, PROVINCE = "县", "市", "省"  # 级别 JB of a row
CODE = re.compile(r"^\d{6}$")


def is_county_code(value) -> bool:
    return bool(CODE.match(str(value or "")))


def province_of(xzqdm: str) -> str:
    return xzqdm[:2] + "0000"


def city_of(xzqdm: str, table: dict[str, str] | None = None) -> str | None:
    """The city of a county, or None for a county under its province directly."""
    parent = (table or {}).get(xzqdm)
    if parent is None:
        parent = province_of(xzqdm) if xzqdm[2:4] == "90" else xzqdm[:4] + "00"
    return None if parent.endswith("0000") else parent


def parents(xzqdm: str, table: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(level, code) of the aggregates a county's figures are added to."""
    city = city_of(xzqdm, table)
    return ([(CITY, city)] if city else []) + [(PROVINCE, province_of(xzqdm))]
