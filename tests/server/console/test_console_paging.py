"""Peserta's paging at scale (issue 13): "next" and "previous" continue from the rows shown
(keyset on created_at, id), the count stops at COUNT_CAP ("more than"), a page asked for by
number alone is read with OFFSET up to MAX_OFFSET_PAGE; the dashboard's fields are copied out of
the payload by the push."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from fieldreg.server import models as m
from fieldreg.server.config import Settings
from fieldreg.server.db import Database
from fieldreg.server.service import participants
from tests.server.conftest import DISTRICT, Clock, Laptop
from tests.server.console.conftest import login, make_officer
from tests.server.console.test_console_pages import push_all

NEXT = re.compile(r'href="([^"]*)" rel="next"')
PREV = re.compile(r'href="([^"]*)" rel="prev"')


def test_next_and_previous_walk_every_record_once(db: Database, settings: Settings,
                                                  enrolled: Laptop, clock: Clock,
                                                  browser: TestClient,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(participants, "PAGE_SIZE", 7)
    regs = [enrolled.registration() for _ in range(30)]
    for i in range(0, 30, 10):  # three arrivals, ten records sharing each created_at
        push_all(enrolled, regs[i:i + 10])
        clock.advance(minutes=1)
    with db.reader() as s:
        newest_first = list(s.scalars(select(m.Registration.id).order_by(
            m.Registration.created_at.desc(), m.Registration.id.desc())))

    def search(**kw: str | int) -> participants.Page:
        return participants.search(db, DISTRICT, participants.Filters(**kw))  # type: ignore[arg-type]

    seen: list[str] = []
    pages = [search()]
    while pages[-1].next_cursor:
        pages.append(search(after=pages[-1].next_cursor, page=pages[-1].page + 1))
    for p in pages:
        seen += [r.id for r in p.rows]
    assert seen == newest_first and [p.page for p in pages] == [1, 2, 3, 4, 5]
    assert all(p.total == 30 and p.pages == 5 and not p.more for p in pages)
    # Back from the last page, one page at a time, to the first.
    back = pages[-1]
    for expected in reversed(pages[:-1]):
        back = search(before=back.prev_cursor, page=back.page - 1)
        assert [r.id for r in back.rows] == [r.id for r in expected.rows]
        assert back.page == expected.page
    assert back.prev_cursor == "" and back.page == 1
    # A cursor that is not one is the first page.
    assert [r.id for r in search(after="nonsense").rows] == newest_first[:7]
    # By number alone (OFFSET), as far as MAX_OFFSET_PAGE.
    assert [r.id for r in search(page=3).rows] == newest_first[14:21]
    monkeypatch.setattr(participants, "MAX_OFFSET_PAGE", 2)
    assert search(page=4).page == 2

    # The count stops at the cap.
    monkeypatch.setattr(participants, "COUNT_CAP", 20)
    capped = search()
    assert capped.more and capped.total == 20 and capped.pages == 0

    make_officer(db, settings, "siti", m.ROLE_VIEWER)
    login(browser, "siti")
    html = browser.get("/console/peserta").text
    assert "Lebih dari 20 peserta" in html and "Halaman 1" in html
    ids: list[str] = []
    for _ in range(5):
        ids += [i for i in dict.fromkeys(re.findall(r'/console/peserta/([0-9a-f-]{36})"',
                                                    html)) if i not in ids]
        found = NEXT.search(html)
        if not found:
            break
        html = browser.get(unescape(found.group(1))).text
    assert ids == newest_first
    prev = PREV.search(html)
    assert prev and "Halaman 4" in browser.get(unescape(prev.group(1))).text


def test_the_push_copies_the_dashboards_fields(db: Database, enrolled: Laptop) -> None:
    reg = enrolled.registration()
    push_all(enrolled, [reg])
    with db.reader() as s:
        row = s.get(m.Registration, reg.id)
        assert row is not None
        assert row.occupation_code == reg.data.occupation_code
        assert row.funding_source == (reg.data.funding_source.value
                                      if reg.data.funding_source else "")
        assert row.made_on == reg.created_at.date().isoformat()
