"""The checklist catalogue: 27 TOML files, one per question, kept as data."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from clearprint import catalogue
from clearprint.config import PROFILES, Options

REPO = Path(__file__).resolve().parent.parent
CHECKLIST = REPO.parent / "shared" / "clear-print-checklist.md"
IDS = [f"CP{n:02d}" for n in range(1, 28)]
TEXT_FIELDS = ("title", "question", "why", "measured", "fix")
KEYS = {"id", "title", "question", "automation", "sources", "why", "measured", "fix", "options"}

# Option names other modules and users rely on, with their defaults.
REQUIRED_OPTIONS = {
    "CP01": {"min_type_size": 12.0, "recommended_type_size": 14.0, "type_size_tolerance": 0.25},
    "CP02": {"min_contrast_ratio": 4.5, "large_text_contrast_ratio": 3.0,
             "large_text_size": 18.0, "large_bold_text_size": 14.0},
    "CP03": {"reversed_min_size": 14.0, "reversed_min_bold_size": 12.0},
    "CP04": {"leading_word_spaces": 1.5, "min_line_pitch": 1.10},
    "CP05": {"allow_italic_words": 3},
    "CP06": {"caps_min_words": 5, "caps_sentence_min_words": 3},
    "CP09": {"justified_min_lines": 3},
    "CP10": {"word_gap_fail_ratio": 1.6, "word_gap_review_ratio": 1.3, "word_gap_min_ratio": 0.6},
    "CP11": {"centred_min_chars": 40},
    "CP12": {"line_length_pass": [55.0, 75.0], "line_length_review": [45.0, 80.0]},
    "CP13": {"gutter_min_em": 2.0, "gutter_with_rule_min_em": 1.0},
    "CP15": {"max_font_families": 3, "max_type_sizes": 5},
    "CP16": {"contents_min_pages": 5},
    "CP17": {"furniture_tolerance_pt": 6.0},
    "CP18": {"paragraph_space_min": 0.5, "paragraph_space_review": 0.25,
             "paragraph_space_fail_share": 0.2},
    "CP19": {"max_text_angle": 2.0},
    "CP20": {"wrap_indent_em": 1.0},
    "CP21": {"min_writing_height_mm": 10.0},
    "CP22": {"min_image_ppi": 96.0, "good_image_ppi": 200.0},
    "CP23": {"image_clearance_fail_em": 0.25, "image_clearance_review_em": 1.0},
    "CP25": {"page_size_tolerance_mm": 3.0},
    "CP26": {"fold_clearance_mm": 10.0, "folds": []},
}


def _raw() -> dict[str, dict]:
    """Each catalogue file as written, by file stem (the loader merges and would hide clashes)."""
    return {path.stem: tomllib.loads(path.read_text(encoding="utf-8"))
            for path in sorted(catalogue.catalogue_dir().glob("CP*.toml"))}


def _checklist_questions() -> dict[str, str]:
    rows = re.findall(r"^\|\s*(CP\d\d)\s*\|\s*(.+?)\s*\|\s*$", CHECKLIST.read_text(encoding="utf-8"),
                      flags=re.MULTILINE)
    return dict(rows)


def test_27_entries_in_checklist_order():
    assert list(catalogue.load()) == IDS


def test_one_file_per_id_named_after_it():
    raw = _raw()
    assert list(raw) == IDS
    for stem, data in raw.items():
        assert data["id"] == stem


def test_only_known_keys():
    for stem, data in _raw().items():
        assert set(data) <= KEYS, f"{stem}: unexpected {set(data) - KEYS}"
        assert KEYS - {"options"} <= set(data), f"{stem}: missing {KEYS - {'options'} - set(data)}"


@pytest.mark.skipif(not CHECKLIST.is_file(), reason="the shared checklist file is not present")
def test_questions_match_the_checklist_word_for_word():
    expected = _checklist_questions()
    assert list(expected) == IDS
    assert {e.id: e.question for e in catalogue.load().values()} == expected


def test_every_text_field_is_filled_in():
    for entry in catalogue.load().values():
        for name in TEXT_FIELDS:
            value = getattr(entry, name)
            assert isinstance(value, str) and value.strip(), f"{entry.id}: empty {name}"
        assert entry.sources and all(s.strip() for s in entry.sources), f"{entry.id}: no sources"


def test_titles_are_short():
    for entry in catalogue.load().values():
        assert 1 <= len(entry.title.split()) <= 4, f"{entry.id}: {entry.title!r}"


def test_no_machine_paths_in_the_text():
    for entry in catalogue.load().values():
        for name in ("why", "measured", "fix"):
            text = getattr(entry, name)
            assert not re.search(r"(^|\s)/(work|home|tmp|usr)/|\w:\\|\.py\b", text), (entry.id, name)


def test_automation_levels_are_valid():
    for entry in catalogue.load().values():
        assert entry.automation in catalogue.AUTOMATION_LEVELS, entry.id


def test_paper_and_flattening_are_manual():
    entries = catalogue.load()
    assert entries["CP24"].automation == "manual"
    assert entries["CP27"].automation == "manual"


def test_option_names_are_unique_across_files():
    counts = Counter(name for data in _raw().values() for name in data.get("options", {}))
    assert [name for name, n in counts.items() if n > 1] == []


def test_option_names_are_snake_case_and_values_plain():
    for stem, data in _raw().items():
        for name, declared in data.get("options", {}).items():
            assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name), f"{stem}: {name}"
            assert set(declared) <= {"default", "unit", "help"}, f"{stem}: {name} has {set(declared)}"
            assert declared.get("help", "").strip(), f"{stem}: {name} has no help"
            value = declared["default"]
            assert isinstance(value, bool | int | float | str | list), f"{stem}: {name}"
            if isinstance(value, list):
                assert len({type(v) for v in value}) <= 1, f"{stem}: {name} mixes types"


def test_required_options_exist_with_their_defaults():
    entries = catalogue.load()
    for check_id, options in REQUIRED_OPTIONS.items():
        for name, default in options.items():
            assert name in entries[check_id].options, f"{check_id}: missing {name}"
            value = entries[check_id].options[name]
            assert value == default and type(value) is type(default), f"{check_id}: {name}={value!r}"


def test_profiles_only_change_catalogue_options():
    defaults = catalogue.default_options()
    for profile, changes in PROFILES.items():
        for name, value in changes.items():
            assert name in defaults, f"profile {profile}: unknown option {name}"
            assert type(value) is type(defaults[name]), f"profile {profile}: {name}"


def test_options_build_from_the_catalogue():
    assert Options().min_type_size == 12.0
    assert Options("large-print").min_type_size == 16.0
    assert Options().as_dict() == catalogue.default_options()


def test_checks_folder_holds_only_data():
    folder = REPO / "checks"
    assert not list(folder.glob("*.py"))


def test_every_option_is_read_by_the_code():
    """An option that nothing reads would make --set and 'checks --options' lie."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "clearprint").rglob("*.py"))
    unread = [name for entry in catalogue.load().values() for name in entry.options
              if not re.search(rf"\b(opts|options)\.{name}\b", source)]
    assert unread == []


def test_every_catalogue_entry_has_its_check_registered_under_its_id():
    """A check registered under a wrong id would leave its question 'not automated'."""
    from clearprint.checks import builtin_checks

    registered = {check_id for check_id in builtin_checks() if re.fullmatch(r"CP\d\d", check_id)}
    assert sorted(set(catalogue.load()) - registered) == []
    assert sorted(registered - set(catalogue.load())) == []  # plugins have ids of their own
