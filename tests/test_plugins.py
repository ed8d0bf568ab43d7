"""Outside checks arrive through the ``clearprint.checks`` entry-point group."""

from importlib.metadata import EntryPoint

import pytest

from clearprint import checks, engine
from clearprint.results import Finding


@checks.check("ORG01", title="House font", question="Is the house font used?", needs_text=False)
def house_font(document, options):
    yield Finding.manual("Check the house font.")


def fake_entry_points(*points):
    def select(group):
        assert group == checks.ENTRY_POINT_GROUP
        return list(points)
    return select


@pytest.fixture
def plugins(monkeypatch):
    def install(*points):
        monkeypatch.setattr("importlib.metadata.entry_points", fake_entry_points(*points))
    return install


def test_plugin_check_is_answered_after_the_checklist(plugins):
    plugins(EntryPoint("house", f"{__name__}:house_font", checks.ENTRY_POINT_GROUP))
    items, errors = engine.plan()
    assert errors == []
    assert items[-1].id == "ORG01" and items[-1].question == "Is the house font used?"
    assert len(items) == 28


def test_broken_plugin_is_reported_and_the_rest_still_load(plugins):
    plugins(EntryPoint("missing", "no_such_module_here:check", checks.ENTRY_POINT_GROUP),
            EntryPoint("plain", "os.path:join", checks.ENTRY_POINT_GROUP),
            EntryPoint("house", f"{__name__}:house_font", checks.ENTRY_POINT_GROUP))
    items, errors = engine.plan()
    assert len(errors) == 2
    assert "'missing' could not be loaded" in errors[0]
    assert "not decorated" in errors[1]
    assert items[-1].id == "ORG01"
