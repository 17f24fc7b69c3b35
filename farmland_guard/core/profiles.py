"""Profiles (TOML data files): which source field becomes which national field, and the rules
of the precheck's suggested verdict (``[precheck]``, the national one by default)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .codelists import tomllib

PROFILE_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT = "national"


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    description: str
    required: tuple[str, ...]  # source fields that must be present for a match
    fields: dict[str, tuple[str, ...]]  # national field -> accepted source names
    precheck: dict = field(default_factory=dict)  # the [precheck] section, if any
    workflow: dict = field(default_factory=dict)  # the [workflow] section, if any
    ledger: dict = field(default_factory=dict)  # the [ledger] section, if any
    ratio: dict = field(default_factory=dict)  # the [ratio] section, if any
    ranking: dict = field(default_factory=dict)  # the [ranking] section, if any
    followup: dict = field(default_factory=dict)  # the [followup] section, if any

    def mapping(self, source_fields: list[str]) -> dict[str, str]:
        """national field -> the source field that carries it, for the fields present."""
        by_upper = {f.upper(): f for f in source_fields}
        found = {}
        for national, names in self.fields.items():
            hit = next((by_upper[n.upper()] for n in names if n.upper() in by_upper), None)
            if hit is not None:
                found[national] = hit
        return found

    def matches(self, source_fields: list[str]) -> bool:
        if not self.fields:  # a profile of rules only (e.g. a province's ratio rules)
            return False
        upper = {f.upper() for f in source_fields}
        return all(r.upper() in upper for r in self.required)


@lru_cache(maxsize=1)
def profiles() -> dict[str, Profile]:
    result = {}
    for path in sorted(PROFILE_DIR.glob("*.toml")):
        with path.open("rb") as f:
            data = tomllib.load(f)
        meta = data["profile"]
        result[meta["id"]] = Profile(meta["id"], meta["name"], meta["description"],
                                     tuple(meta.get("required", ())),
                                     {k: tuple(v) for k, v in data.get("fields", {}).items()},
                                     data.get("precheck", {}), data.get("workflow", {}),
                                     data.get("ledger", {}), data.get("ratio", {}),
                                     data.get("ranking", {}),
                                     followup=data.get("followup", {}))
    return result


def precheck_rules(profile_id: str | None = None) -> dict:
    """The precheck rules of a profile: its own ``[precheck]`` section, else the national one."""
    chosen = profiles().get(profile_id or DEFAULT)
    return chosen.precheck if chosen and chosen.precheck else profiles()[DEFAULT].precheck


def net_cultivated(profile_id: str | None = None) -> bool:
    """Whether 违法耕地 is counted net of 田坎 (the national default) or gross."""
    return precheck_rules(profile_id).get("cultivated_basis", "net") == "net"


def city_level(profile_id: str | None = None) -> bool:
    """Whether results go to the city before the province (national default: they do not)."""
    chosen = profiles().get(profile_id or DEFAULT)
    data = chosen.workflow if chosen and chosen.workflow else profiles()[DEFAULT].workflow
    return bool(data.get("city_level", False))


def detect(source_fields: list[str]) -> Profile | None:
    """The profile whose required fields are present and that maps the most fields."""
    candidates = [p for p in profiles().values() if p.matches(source_fields)]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (len(p.mapping(source_fields)), len(p.required)))


def _section(profile_id: str | None, name: str) -> dict:
    """A section of a profile, each key falling back to the national profile's."""
    chosen = profiles().get(profile_id or DEFAULT)
    own = getattr(chosen, name) if chosen else {}
    return {**getattr(profiles()[DEFAULT], name), **own}


def grade_coefficients(profile_id: str | None = None) -> dict[str, float]:
    """Quality grade -> capacity coefficient (the profile's table, else the national one)."""
    return {str(k): float(v) for k, v in _section(profile_id, "ledger").get("coefficients",
                                                                             {}).items()}


def ledger_rules(profile_id: str | None = None) -> dict:
    """The [ledger] section: coefficients, cutover_year (占补 takes in the flows from it),
    quota_rate (增违挂钩)."""
    return _section(profile_id, "ledger")


def ratio_rules(profile_id: str | None = None) -> dict:
    """The [ratio] section: warning and accountable levels, the 约谈 rule."""
    return _section(profile_id, "ratio")


def followup_rules(profile_id: str | None = None) -> dict:
    """The [followup] section: report_distance_m (a 巡田上报 links to a patch this near)."""
    return _section(profile_id, "followup")


def report_distance_m(profile_id: str | None = None) -> float:
    return float(followup_rules(profile_id).get("report_distance_m", 50))


def ranking_rules(profile_id: str | None = None) -> dict:
    """The [ranking] section (红黑榜): weights of the four figures, red_size and black_size,
    the tie rule, how a unit missing a figure is scored."""
    return _section(profile_id, "ranking")


def field_profiles() -> dict[str, Profile]:
    """The profiles that map delivered fields (the others hold rules only)."""
    return {k: p for k, p in profiles().items() if p.fields}
