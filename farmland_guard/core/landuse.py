"""Land-use groups of 三调 DLBM codes (DESIGN.md §3.3), kept as data in ``data/landuse_groups.toml``."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .codelists import data_file

CULTIVATED = "耕地"
CONSTRUCTION = "建设用地"
PADDY = "0101"  # 水田


def _data() -> dict:
    return data_file("landuse_groups.toml")


@lru_cache(maxsize=1)
def _group_of_code() -> dict[str, str]:
    return {code: group for group, codes in _data()["groups"].items() for code in codes}


def groups() -> list[str]:
    """Every group in the order of the data file, the unknown-code group last."""
    return [*_data()["groups"], unknown_group()]


def unknown_group() -> str:
    return _data()["names"]["unknown"]


def adjustable_label() -> str:
    """Name of the "of which 可调整地类" figure reported beside the groups."""
    return _data()["names"]["adjustable"]


def normalise(code) -> str:
    return "" if code is None else str(code).strip().upper()


def is_adjustable(code) -> bool:
    """A `K`-suffixed 可调整地类 code such as 0201K."""
    text = normalise(code)
    return len(text) > 1 and text.endswith("K") and text[:-1] in _group_of_code()


def group_of(code) -> str:
    text = normalise(code)
    base = text[:-1] if is_adjustable(text) else text
    return _group_of_code().get(base, unknown_group())


def is_cultivated(code) -> bool:
    return group_of(code) == CULTIVATED and not is_adjustable(code)


def cultivated_mask(group, adjustable, adjustable_cultivated: bool = False) -> np.ndarray:
    """Which of the codes ``classify`` described are 耕地: the 耕地 group, and its K-suffixed
    可调整 codes only where a profile counts them (national default: not 耕地)."""
    is_group = (np.asarray(groups()) == CULTIVATED)[group]
    return is_group if adjustable_cultivated else is_group & ~adjustable


def classify(codes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For an array of codes: the index of each code's group in ``groups()``, whether it is
    可调整, and whether it is 水田 — each code looked up once, however long the array."""
    values = np.asarray(codes, dtype=object)
    if not len(values):
        empty = np.zeros(0, dtype=bool)
        return np.zeros(0, dtype=np.int64), empty, empty
    uniques, inverse = np.unique(values.astype(str), return_inverse=True)
    index = {name: k for k, name in enumerate(groups())}
    looked_up = [(index[group_of(u)], is_adjustable(u), normalise(u) == PADDY) for u in uniques]
    group, adjustable, paddy = (np.array(column) for column in zip(*looked_up))
    inverse = inverse.ravel()
    return group[inverse].astype(np.int64), adjustable[inverse], paddy[inverse]
