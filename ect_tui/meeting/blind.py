"""Blind ratings: turn a gap between the ECT's rating and the mentor's prior view into a question."""

from __future__ import annotations

LEVEL_ORDER = {"emerging": 0, "developing": 1, "secure": 2}

# Which of the script's probing prompts (by position, as in the bundled script) suits which gap.
HARSH_PROMPTS = (4, 3)  # the ECT rated lower than the mentor: strengths, what is missing
KIND_PROMPTS = (0, 2)  # the ECT rated higher: examples from practice, feedback received


def gap(self_level: str, prior: str) -> int:
    """Positive when the ECT rated themselves above the mentor's view, negative when below."""
    return LEVEL_ORDER.get(self_level, 0) - LEVEL_ORDER.get(prior, 0)


def probe_for(self_level: str, prior: str, prompts: tuple[str, ...]) -> str:
    """A probing question for this difference, drawn from the script's own prompts."""
    if not prompts:
        return "What makes you see it that way?"
    order = KIND_PROMPTS if gap(self_level, prior) > 0 else HARSH_PROMPTS
    for index in order:
        if index < len(prompts):
            return prompts[index]
    return prompts[0]


def describe_gap(self_level: str, prior: str) -> str:
    difference = gap(self_level, prior)
    if difference > 0:
        return "the ECT rated higher than your view: maybe too kind?"
    if difference < 0:
        return "the ECT rated lower than your view: maybe too harsh?"
    return "you agree"
