"""Every real-world corpus document is audited or refused with a clear error; none crashes.

The corpus lives outside the repository (``../shared/corpus``); without it
these tests are skipped.
"""

from pathlib import Path

import pytest

from clearprint import engine
from clearprint.config import Options

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FILES = sorted(p for p in CORPUS.glob("*/*") if p.suffix.lower() in (".pdf", ".docx", ".dotx"))
MUST_FAIL = {
    "encrypted_user_password_test.pdf": "encrypted",
    "encrypted_libreoffice_openpassword.pdf": "encrypted",
    "malformed_unreadable_pages.pdf": "no readable pages",
    "encrypted_password_pass.docx": "encrypted",
    "malformed_truncated_zip.docx": "zip",
}

pytestmark = pytest.mark.skipif(not FILES, reason="../shared/corpus is not present")


@pytest.fixture(scope="module")
def items():
    return engine.plan()[0]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_document_is_audited_or_refused_clearly(path, items):
    result = engine.audit_file(str(path), Options(), items)
    if path.name in MUST_FAIL:
        assert result.error and MUST_FAIL[path.name] in result.error
        assert "\n" not in result.error
        return
    assert result.error is None, result.error
    assert [i.id for i in result.items] == [f"CP{n:02d}" for n in range(1, 28)]
    crashed = [i.id for i in result.items if i.error]
    assert not crashed, [(i.id, i.error) for i in result.items if i.error]
