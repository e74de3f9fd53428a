"""What an HSDS import did, or would do: counts per kind, the fields Paso did not keep, what it skipped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rxapp.services.hsds.reading import grouped

KINDS = ("organization", "service", "location")
OUTCOMES = ("created", "updated", "unchanged")


@dataclass
class Report:
    """What an import did (or, dry, would do)."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, outcome)
    leftovers: list[tuple[str, str]] = field(default_factory=list)  # (path, "not kept"/"unknown")
    skipped: list[str] = field(default_factory=list)  # "path: why"
    dry_run: bool = False

    def count(self, outcome: str) -> int:
        """All records of any kind with this outcome."""
        return sum(n for (_, done), n in self.counts.items() if done == outcome)

    def lines(self) -> list[str]:
        """The report as people read it: counts, then the fields left out, grouped."""
        out = [
            f"{kind + 's':<14}" + ", ".join(f"{self.counts[(kind, o)]:,} {o}" for o in OUTCOMES)
            for kind in KINDS
        ]
        if self.leftovers:
            out.append("fields Paso does not keep (count, path):")
            counted = grouped(self.leftovers)
            out += [f"  {n:>7,}  {where}  ({what})" for (where, what), n in sorted(counted.items())]
        out += [f"skipped: {why}" for why in self.skipped]
        if self.dry_run:
            out.append("dry run: nothing was changed")
        return out
