"""Writes the workbench's table of keys into README.md from ``gui.shortcuts.SHORTCUTS``, its one
source (``python -m dev.readme_shortcuts``); ``tests/unit/test_shortcuts.py`` checks they match."""

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
TABLE = re.compile(r"^( *)\| key \| action \|\n(?:\1\|.*\|\n)+", re.MULTILINE)


def readme_table(text: str) -> str | None:
    """The table of keys in README.md's text, unindented."""
    found = TABLE.search(text)
    if found is None:
        return None
    indent = found.group(1)
    return "\n".join(line[len(indent):] for line in found.group(0).rstrip("\n").split("\n"))


def main() -> int:
    from farmland_guard.gui.shortcuts import markdown

    text = README.read_text(encoding="utf-8")
    found = TABLE.search(text)
    if found is None:
        print("README.md has no '| key | action |' table", file=sys.stderr)
        return 1
    indent = found.group(1)
    table = "".join(f"{indent}{line}\n" for line in markdown().split("\n"))
    README.write_text(text[:found.start()] + table + text[found.end():], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
