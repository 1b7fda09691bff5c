"""The sizes and ranges anything from outside may have: generous for a real mentor,
small enough that no planted value can exhaust memory, overflow a sum or a date, or
recurse until Python gives up. One place, so the schema, the file reader and the
tests agree."""

from __future__ import annotations

# Nesting: a meeting document is six levels deep at most (doc > sections > section >
# data > list > item); a bundle adds two. Anything deeper is not ours.
MAX_DEPTH = 24
# Values in one document (every object, list, string and number counted once).
MAX_NODES = 2_000_000

MAX_ID = 128  # meeting, section, question and script ids
MAX_NAME = 200  # an ECT's or a mentor's name
MAX_TITLE = 1_000  # script and section titles, labels, statement codes
MAX_TEXT = 4_000_000  # any note: an hour of typing is under 100,000 characters; a pasted book still fits
MAX_STAMP = 64  # an ISO date-time

# The settings this version knows (schema.SETTING_VALUES declares each one's type), and those
# that hold one name of at most MAX_NAME characters. Here, without msgspec, so the start screen
# reading the last names typed never imports the validator (~1 MB and 70 ms at start-up).
NAME_SETTINGS = ("last_ect", "last_mentor")
KNOWN_SETTINGS = (*NAME_SETTINGS, "coaching_terms")

# Seconds a section's clock can have run: a meeting resumed over a term is still far below.
MAX_SECONDS = 10_000_000.0  # about 115 days
MAX_ADJUST_SECONDS = 1_000_000  # minutes added or taken from a section, either way
MAX_NUMBER = 1e15  # any other number anywhere in a document (sums stay exact)

# File sizes, checked before a file is read (see files.read_regular).
MAX_MEETING_BYTES = 64 * 1024 * 1024
MAX_DATABASE_BYTES = 512 * 1024 * 1024  # the index at 5,000 meetings is about 2 MB
