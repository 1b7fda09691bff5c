"""What the audit's right-hand side says about the highlighted statement: the rating detail and
the side panel (a probing prompt, the level definitions, what to watch for, or a blind-rating
difference). Pure functions from the meeting to Content, so the screen only places them."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from ect_tui.meeting.blind import describe_gap, probe_for
from ect_tui.meeting.transcript import MENTOR_VIEWS, Meeting, Rating
from ect_tui.script.model import Section
from ect_tui.tui.text import visible
from ect_tui.tui.widgets.statements import LEVEL_STYLES

Parts = list[str | tuple[str, str]]


def agree_keys(section: Section) -> str:
    """``ctrl+e ctrl+d ctrl+s``: the keys that record the rating agreed together."""
    return " ".join(f"ctrl+{lv.shortcut}" for lv in section.levels)


def level_part(section: Section, key: str) -> tuple[str, str]:
    return (section.level(key).label, f"bold {LEVEL_STYLES.get(key, '')}")


def rating_detail(meeting: Meeting, section: Section, code: str, last_time: str) -> Content:
    """ECT: Developing  Mentor: agree, then the prepared view, the agreed rating or how to agree one."""
    rating = meeting.record(section.id).rating(code)
    level = section.level(rating.level) if rating.level else None
    numbers = " ".join(str(n) for n in range(1, len(section.levels[:9]) + 1))
    parts: Parts = ["ECT: ", level_part(section, level.key) if level else f"not rated ({numbers})"]
    revealed = meeting.prior_revealed(section.id, code)
    if revealed:
        assert rating.prior is not None
        parts += ["\nMentor (prepared): ", level_part(section, rating.prior)]
        if rating.mentor_view:
            parts.append(f", now {MENTOR_VIEWS.get(rating.mentor_view, rating.mentor_view)}")
    else:
        parts += ["  Mentor: ", MENTOR_VIEWS.get(rating.mentor_view or "", "no view (= + -)")]
    if rating.agreed:
        parts += ["\nAgreed: ", level_part(section, rating.agreed)]
    elif meeting.can_settle(section.id, code):
        # Here as well as in the side panel's prompt, which is below the fold at 80x24.
        agree = f"Agree a rating together: {agree_keys(section)}"
        parts.append(
            f"\nDiffers from your prepared view. {agree}" if rating.differs and revealed else f"\n{agree}"
        )
    if rating.prior is not None and not revealed:
        parts.append("\n(your prepared view is hidden until the ECT rates)")
    if last_time:
        parts.append(("\n" + last_time, "$text-muted"))
    return Content.assemble(*parts)


def last_time(last_audit: tuple[str, dict[str, str]] | None, section: Section, code: str) -> str:
    """E.g. ``last audit 14 Oct: Developing``, for talking about what has moved."""
    if last_audit is None or code not in last_audit[1]:
        return ""
    when, levels = last_audit
    try:
        day = date.fromisoformat(when).strftime("%-d %b %Y")
    except ValueError:
        day = when or "undated"
    try:
        label = section.level(levels[code]).label
    except KeyError:  # a scale from an older version of the script
        label = levels[code]
    return f"last audit {day}: {label}"


def aside(section: Section, rating: Rating, prompt_number: int) -> Content:
    """The probing prompt to ask now (F2: the next one), the levels rated against (the one
    chosen in full colour), and what to watch for."""
    parts: Parts = []
    prompts = section.prompts
    if prompts:
        prompt = prompts[prompt_number % len(prompts)]
        parts += [("Ask: ", "bold"), visible(prompt), ("  (F2: next)\n", "$text-muted")]
    for level in section.levels:
        style = f"bold {LEVEL_STYLES.get(level.key, '')}"
        line_style = "" if level.key == rating.level else "$text-muted"
        parts += [(level.label, style), (f": {visible(level.definition)}\n", line_style)]
    watch = section.caution or section.guidance
    if watch:
        parts += [("Watch for: ", "bold"), (visible(watch), "$text-muted")]
    return Content.assemble(*parts)


def difference(ect: str, section: Section, rating: Rating) -> Content:
    """The blind-rating difference as a prompt: both ratings, the evidence, a question to ask."""
    assert rating.level is not None and rating.prior is not None
    own, prior = section.level(rating.level), section.level(rating.prior)
    lines = [
        f"Difference: {ect} rated {own.label}; your prepared view: {prior.label}",
        f"({describe_gap(rating.level, rating.prior)})",
    ]
    if rating.prior_evidence:
        lines.append(f"Your evidence: {rating.prior_evidence}")
    lines.append(f"Ask: {probe_for(rating.level, rating.prior, section.prompts)}")
    if rating.agreed:
        lines.append(f"Agreed: {section.level(rating.agreed).label}")
    else:
        lines.append(f"Then agree a rating together: {agree_keys(section)}")
    return Content(visible("\n".join(lines)))
