"""Timing that holds on a noisy machine: ours and the peer run alternately, several times, and
each side is summarised by its median with the spread (min–max) printed beside it."""

from __future__ import annotations

import statistics


def alternate(runs: int, **sides) -> dict:
    """``{name: [result of each run]}``: round k runs every side once, in turn, so a slow
    spell of the machine falls on both sides alike. A side returns its seconds, or a dict
    holding them under ``seconds``."""
    results = {name: [] for name in sides}
    for _ in range(runs):
        for name, run in sides.items():
            results[name].append(run())
    return results


def seconds(result) -> float:
    return result["seconds"] if isinstance(result, dict) else result


def spread(results) -> dict:
    values = [seconds(r) for r in results]
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": len(values)}


def describe(summary: dict, unit: str = "s") -> str:
    return (f"{summary['median']:.2f} {unit} (median of {summary['runs']}, "
            f"{summary['min']:.2f}–{summary['max']:.2f})")
