"""feed.xml (Atom, with RFC 6721 tombstones for withdrawals) and feed.json (JSON Feed 1.1):
the newest changes first, dated by real changes, never by the build clock."""

from __future__ import annotations

import heapq
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from generator import addresses
from generator.feeds import api
from generator.model import Course

LIMIT = 200  # items per feed: readers want recent changes; changes.json has everything
ATOM = "http://www.w3.org/2005/Atom"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"
ET.register_namespace("", ATOM)
ET.register_namespace("at", TOMBSTONES)


def _stamp(day: str | None) -> str:
    return f"{day or '1970-01-01'}T00:00:00Z"


def recent(dated: Iterable[tuple[str, Course]]) -> list[tuple[str, Course]]:
    """Of (modified date or "", course) pairs, the newest first, ties by id; at most LIMIT.
    The build dates every course once, for changes.json, and passes the pairs on."""
    return heapq.nlargest(LIMIT, dated, key=lambda item: (item[0], item[1].id))


def atom(items: list[tuple[str, Course]], site_url: str, site_name: str) -> bytes:
    """``items`` from ``recent``."""
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", site_url)
    _sub(feed, "title", f"{site_name}: new and changed courses")
    _sub(feed, "updated", _stamp(items[0][0] if items else None))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=addresses.url(site_url, addresses.atom_feed()))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=site_url)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", site_name)
    for day, course in items:
        page = addresses.url(site_url, addresses.course_page(course.id))
        if course.withdrawn:
            gone = ET.SubElement(feed, f"{{{TOMBSTONES}}}deleted-entry", ref=page, when=_stamp(day))
            ET.SubElement(gone, f"{{{ATOM}}}link", rel="alternate", href=page)
            reason = (
                f"Withdrawn. Replaced by {addresses.url(site_url, addresses.course_page(course.replaced_by))}"
                if course.replaced_by
                else "Withdrawn."
            )
            ET.SubElement(gone, f"{{{TOMBSTONES}}}comment").text = reason
            continue
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        lang = course.default_language
        _sub(entry, "id", page)
        _sub(entry, "title", course.title.get(lang)).set("{http://www.w3.org/XML/1998/namespace}lang", lang)
        _sub(entry, "updated", _stamp(day))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=page)
        ET.SubElement(
            entry,
            f"{{{ATOM}}}link",
            rel="alternate",
            type="application/json",
            href=addresses.url(site_url, addresses.course_json(course.id)),
        )
        _sub(entry, "summary", course.summary.get(lang))
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _sub(author, "name", course.provider.name.get())
        for field in course.fields:
            ET.SubElement(
                entry,
                f"{{{ATOM}}}category",
                term=field.code,
                label=field.label,
                scheme="http://data.europa.eu/snb/isced-f/",
            )
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _sub(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element


def json_feed(recent_items: list[tuple[str, Course]], site_url: str, site_name: str) -> bytes:
    """``recent_items`` from ``recent``. JSON Feed has no deletion marker: withdrawn courses
    stay as items marked in `_catalogue`."""
    items: list[dict[str, Any]] = []
    for day, course in recent_items:
        lang = course.default_language
        title = course.title.get(lang)
        page = addresses.url(site_url, addresses.course_page(course.id))
        items.append(
            {
                "id": page,
                "url": page,
                "title": f"Withdrawn: {title}" if course.withdrawn else title,
                "summary": course.summary.get(lang),
                "content_text": course.summary.get(lang),
                "date_modified": _stamp(day),
                "language": lang,
                "authors": [{"name": course.provider.name.get(), "url": course.provider.url}],
                "tags": [f.label for f in course.fields],
                "_catalogue": {
                    "id": course.id,
                    "status": course.status,
                    "json": addresses.url(site_url, addresses.course_json(course.id)),
                    "replaced_by": course.replaced_by,
                },
            }
        )
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{site_name}: new and changed courses",
        "home_page_url": site_url,
        "feed_url": addresses.url(site_url, addresses.json_feed()),
        "language": "en",
        "items": items,
    }
    return api.dumps(feed)
