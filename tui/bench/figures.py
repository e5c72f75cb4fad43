"""One measured benchmark figure, with its target, as ``byline bench`` prints it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Figure:
    """A measured value against a target: ``value >= target`` or ``value <= target``."""

    name: str
    value: float
    unit: str
    target: float
    better: Literal["higher", "lower"]
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.value >= self.target if self.better == "higher" else self.value <= self.target

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}
