"""The same page turned by /Rotate is measured the same: lines are measured once,
along their writing direction, whatever the page's rotation."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from clearprint import engine
from clearprint.config import Options

LINE = "The quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat today ok."


def turned_page(tmp_path: Path, rotation: int) -> Path:
    """Three paragraphs of six 90-character lines that read left to right as the page is
    displayed: the upright page drawn turned onto a page that /Rotate turns back."""
    upright = pymupdf.open()
    page = upright.new_page()
    for paragraph in range(3):
        for n in range(6):
            page.insert_text((40, 80 + paragraph * 130 + n * 16), LINE, fontsize=10)
    pdf = pymupdf.open()
    width, height = (page.rect.height, page.rect.width) if rotation in (90, 270) else page.rect[2:]
    turned = pdf.new_page(width=width, height=height)
    turned.show_pdf_page(turned.rect, upright, 0, rotate=rotation)
    turned.set_rotation(rotation)
    path = tmp_path / f"rotate-{rotation}.pdf"
    pdf.save(path)
    return path


def cp12(path: Path):
    items = [i for i in engine.plan(select=["CP12"])[0] if i.id == "CP12"]
    result = engine.audit_file(str(path), Options(), items)
    (item,) = result.items
    assert item.error is None, item.error
    return item


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_cp12_answers_a_turned_page_as_the_upright_one(tmp_path, rotation):
    upright, turned = cp12(turned_page(tmp_path, 0)), cp12(turned_page(tmp_path, rotation))
    assert str(upright.answer) == "no"
    assert str(turned.answer) == str(upright.answer)
    assert [(f.message, f.count) for f in turned.findings] == [(f.message, f.count) for f in upright.findings]
    assert turned.findings[0].data["lines"] == upright.findings[0].data["lines"] == 15
