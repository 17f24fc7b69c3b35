"""Units of the official figures: areas are stored in m² and shown in 亩 (DESIGN.md §2)."""

SQM_PER_MU = 2000.0 / 3.0  # 1 亩 = 2000/3 m²; 1 公顷 = 15 亩
MU_DECIMALS = 4
