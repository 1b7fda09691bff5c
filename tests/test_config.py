"""config.toml: every key optional; a mistake names the file and the key; the rest still applies."""

from __future__ import annotations

from pathlib import Path

from ect_tui.config import KEY_NAMES, Config, load_config, remember_theme

README = Path(__file__).resolve().parent.parent / "README.md"

FULL = """\
# my settings
theme = "textual-light"   # easier on a projector
notes_folder = "~/ect-notes"

[keymap]
"meeting.next" = "ctrl+j"
"meeting.back" = "ctrl+k, f5"
"""


def test_missing_file_is_all_defaults(tmp_path):
    config = load_config(tmp_path / "config.toml")
    assert config == Config(path=tmp_path / "config.toml")
    assert config.problems == () and config.theme is None and dict(config.keymap) == {}


def test_every_key_is_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = tmp_path / "config.toml"
    path.write_text(FULL, encoding="utf-8")
    config = load_config(path)
    assert config.problems == ()
    assert config.theme == "textual-light"
    assert config.notes_folder == tmp_path / "home" / "ect-notes"  # ~ is the user's home
    assert dict(config.keymap) == {"meeting.next": "ctrl+j", "meeting.back": "ctrl+k,f5"}


def test_the_env_var_names_another_file(tmp_path, monkeypatch):
    path = tmp_path / "elsewhere.toml"
    path.write_text('theme = "nord"\n', encoding="utf-8")
    monkeypatch.setenv("ECT_TUI_CONFIG", str(path))
    assert load_config().theme == "nord"


def test_broken_toml_names_the_file_and_uses_defaults(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "textual-light\n', encoding="utf-8")
    config = load_config(path)
    assert config.theme is None
    [problem] = config.problems
    assert problem.startswith(f"{path}: not valid TOML") and "line 1" in problem
    assert problem.endswith("using the defaults")


def test_not_utf8_is_one_sentence(tmp_path):
    path = tmp_path / "config.toml"
    path.write_bytes(b'theme = "\xff"\n')
    assert load_config(path).problems == (f"{path}: not UTF-8 text; using the defaults",)


def test_unknown_and_wrong_keys_are_named_and_the_rest_applies(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'thme = "nord"\ntheme = "nord"\nnotes_folder = 3\n'
        '[keymap]\n"meeting.next" = "ctrl+j"\n"meeting.back" = 5\n"meeting.timer" = "ctrl t"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.theme == "nord" and dict(config.keymap) == {"meeting.next": "ctrl+j"}
    assert config.notes_folder is None
    problems = "\n".join(config.problems)
    assert f"{path}: thme: unknown key (known: theme, keymap," in problems
    assert f"{path}: notes_folder: should be a non-empty string" in problems
    assert f"{path}: keymap.meeting.back: should be a non-empty string" in problems
    assert f"{path}: keymap.meeting.timer: 'ctrl t' is not a key like 'ctrl+j'" in problems
    assert len(config.problems) == 4


def test_keymap_must_be_a_table(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('keymap = "ctrl+j"\n', encoding="utf-8")
    [problem] = load_config(path).problems
    assert problem.startswith(f"{path}: keymap: should be a table")


def test_remember_theme_keeps_comments_and_other_keys_and_a_copy(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(FULL, encoding="utf-8")
    assert remember_theme(path, "nord") is None
    text = path.read_text(encoding="utf-8")
    assert text == FULL.replace('theme = "textual-light"', 'theme = "nord"')
    assert (tmp_path / "config.toml.bak").read_text(encoding="utf-8") == FULL
    assert load_config(path).theme == "nord"


def test_remember_theme_makes_a_private_file(tmp_path):
    path = tmp_path / "new" / "config.toml"
    assert remember_theme(path, "nord") is None
    assert load_config(path).theme == "nord" and load_config(path).problems == ()
    assert path.stat().st_mode & 0o777 == 0o600
    assert not path.with_name("config.toml.bak").exists()


def test_remember_theme_leaves_a_broken_file_alone(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("theme = \n# half-written\n", encoding="utf-8")
    problem = remember_theme(path, "nord")
    assert problem is not None and problem.startswith(f"{path}: not valid TOML")
    assert path.read_text(encoding="utf-8") == "theme = \n# half-written\n"


def test_readme_documents_every_key():
    text = README.read_text(encoding="utf-8")
    for name in KEY_NAMES:
        assert f"| `{name}` |" in text, f"README.md does not document config key {name!r}"


def test_term_dates_and_coaching_rhythm_are_read_and_checked(tmp_path):
    path = tmp_path / "config.toml"
    (tmp_path / "school").mkdir()
    (tmp_path / "school" / "terms.toml").write_text("", encoding="utf-8")
    path.write_text(
        'term_dates = "school/terms.toml"\n[coaching_rhythm]\nyear1 = 1\nyear2 = 3\n', encoding="utf-8"
    )
    config = load_config(path)
    assert config.problems == ()
    assert config.term_dates == tmp_path / "school" / "terms.toml"  # relative to the config folder
    assert dict(config.coaching_rhythm) == {1: 1, 2: 3}
    for bad, said in [
        ("year3 = 2", "coaching_rhythm.year3: unknown (known: year1, year2)"),
        ("year2 = 0", "coaching_rhythm.year2: should be a whole number of school weeks from 1 to 6, not 0"),
        ('year2 = "two"', "coaching_rhythm.year2: should be a whole number of school weeks"),
    ]:
        path.write_text(f'theme = "nord"\n[coaching_rhythm]\nyear1 = 2\n{bad}\n', encoding="utf-8")
        config = load_config(path)
        assert config.theme == "nord" and dict(config.coaching_rhythm) == {1: 2}  # the good year applies
        [problem] = config.problems
        assert problem.startswith(f"{path}: {said}")
    path.write_text('term_dates = "gone.toml"\n', encoding="utf-8")
    [problem] = load_config(path).problems
    assert (
        problem == f"{path}: term_dates: {tmp_path / 'gone.toml'} is not a file; the built-in dates are used"
    )


def test_the_rhythm_by_year_is_the_schools_unless_one_ect_has_their_own():
    from ect_tui.coaching.terms import rhythm_for

    assert rhythm_for(2).label == "fortnightly" and rhythm_for(None).label == "weekly"
    school = {1: 1, 2: 3}
    assert rhythm_for(2, None, school).label == "every 3 school weeks"
    assert rhythm_for(None, None, {2: 3}).label == "weekly"  # year not known: as year 1
    assert rhythm_for(2, 1, school).label == "weekly"  # set for this ECT: theirs wins
