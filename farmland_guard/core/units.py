"""Units of the official figures: areas are stored in m² and shown in 亩 (DESIGN.md §2)."""

SQM_PER_MU = 2000.0 / 3.0  # 1 亩 = 2000/3 m²; 1 公顷 = 15 亩
MU_DECIMALS = 4


def format_mu(mu) -> str:
    """An area in 亩 as shown everywhere: 4 decimals, '' when it is not known."""
    return "" if mu is None or mu != mu else f"{mu:.{MU_DECIMALS}f}"
