"""Child process for the hub bench's floors: the least any program pays for the same data.

    python bench/floor_child.py parse OUT.json PATH [PATH ...]
    python bench/floor_child.py write OUT.json BUNDLE FOLDER

``parse`` reads each file and parses it with the standard library's json (the index
as the store keeps it); the parent times it from spawn to exit, as it times the
command it is compared with. ``write`` writes every meeting of a bundle to its own
file in FOLDER the way the store does (temp file, fsync, rename, fsync the folder),
and reports the seconds of that loop alone: the documents are serialised before the
clock starts.

Run as a script (not ``-m``) so its only imports are the standard library (and, for
``write``, the store's atomic writer).
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str]) -> int:
    what, out, *rest = argv
    result: dict[str, float | int] = {}
    if what == "parse":
        for path in rest:
            with open(path, "rb") as handle:
                json.loads(handle.read())
    elif what == "write":
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from ect_tui.store.atomic import atomic_write_bytes, dumps

        bundle, folder = Path(rest[0]), Path(rest[1])
        docs = json.loads(bundle.read_bytes())["meetings"]
        blobs = [(folder / f"{doc['id']}.json", dumps(doc)) for doc in docs]
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        start = time.perf_counter()
        for path, blob in blobs:
            atomic_write_bytes(path, blob)
        result = {"write_s": time.perf_counter() - start, "files": len(blobs)}
    else:
        raise SystemExit(f"unknown floor {what!r}")
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
