"""New arXiv papers in some categories, harvested over OAI-PMH (``ListRecords``, ``metadataPrefix=arXiv``).

arXiv's own advice for incremental harvesting (``tests/fixtures/arxiv_api/README.md`` gives the
sources): one request at a time, at least three seconds apart; a 503 or 429 asks for a pause
(``Retry-After``, which may say 0: never less than the usual pause), and errors come back as HTTP
200 with an ``<error>`` element. A category is the set ``group:archive:CATEGORY`` (``cs:cs:LG``).
The datestamp a harvest starts ``from`` is a record's last change, not its submission, so papers
created before ``since`` come back when revised; they are kept too (an abstract may have changed).

``Harvest`` remembers where it is (the set, the next resumption token, the last day done) after
each page, so a stopped harvest resumes there, and harvesting the same days again is harmless: a
paper is stored by its title, once.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx

from ..errors import CorpusError
from ..models import Paper
from .latex import to_text

OAI_URL = "https://oaipmh.arxiv.org/oai"
_NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "arxiv": "http://arxiv.org/OAI/arXiv/"}
_GROUPS = {"cs": "cs", "stat": "stat", "math": "math", "eess": "eess", "econ": "econ", "q-bio": "q-bio",
           "q-fin": "q-fin"}
_MAX_RETRIES = 5
_USER_AGENT = "research-assistant (arXiv feed sync; https://github.com/)"


def set_spec(category: str) -> str:
    """``cs.LG`` as the OAI set ``cs:cs:LG``; a physics archive (``hep-th``) as ``physics:hep-th``."""
    archive, dot, _ = category.partition(".")
    if dot and archive in _GROUPS:
        return f"{_GROUPS[archive]}:{archive}:{category.split('.', 1)[1]}"
    if dot:
        return f"physics:{archive}:{category}"
    return f"physics:{category}"


@dataclass
class Harvest:
    """Where a harvest of one category stands; saved after every page."""

    category: str
    since: str  # YYYY-MM-DD: records changed on or after this day
    token: str = ""  # the next page's resumption token, while a list is under way
    done_until: str = ""  # the last responseDate of a finished list: the next run starts from that day
    papers: int = 0
    skipped: int = 0

    def to_dict(self) -> dict:
        return {"category": self.category, "since": self.since, "token": self.token, "done_until": self.done_until,
                "papers": self.papers, "skipped": self.skipped}


@dataclass
class Feed:
    """The harvester: an HTTP client, arXiv's pause, and what it said."""

    url: str = OAI_URL
    delay: float = 3.0
    client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=60.0, headers={"User-Agent": _USER_AGENT}))
    sleep: Callable[[float], None] = time.sleep
    _last: float = 0.0

    def records(self, harvest: Harvest, save: Callable[[Harvest], None], limit: int | None = None) -> Iterator[Paper]:
        """Papers of one category, page after page from where ``harvest`` stands, saving it after
        each page; stops after ``limit`` papers (the state then resumes at the next page)."""
        start = harvest.done_until or harvest.since
        taken = 0
        while True:
            params = ({"verb": "ListRecords", "resumptionToken": harvest.token} if harvest.token else
                      {"verb": "ListRecords", "metadataPrefix": "arXiv", "set": set_spec(harvest.category), "from": start})
            root = self._get(params)
            error = root.find("oai:error", _NS)
            if error is not None:
                code = error.get("code")
                if code == "noRecordsMatch":
                    harvest.token, harvest.done_until = "", _day(root) or start
                    save(harvest)
                    return
                if code == "badResumptionToken" and harvest.token:  # expired (daily): from the last day done
                    harvest.token = ""
                    save(harvest)
                    continue
                raise CorpusError(self.url, None, f"arXiv answered {code}: {(error.text or '').strip()}")
            page = root.find("oai:ListRecords", _NS)
            for record in page.findall("oai:record", _NS) if page is not None else []:
                paper = _paper(record, self.url)
                if paper is None:
                    harvest.skipped += 1
                    continue
                harvest.papers += 1
                taken += 1
                yield paper
            token = page.find("oai:resumptionToken", _NS) if page is not None else None
            harvest.token = (token.text or "").strip() if token is not None else ""
            if not harvest.token:
                harvest.done_until = _day(root) or start
            save(harvest)
            if not harvest.token or (limit is not None and taken >= limit):
                return

    def _get(self, params: dict[str, str]) -> ET.Element:
        for attempt in range(_MAX_RETRIES):
            wait = self._last + self.delay - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            try:
                response = self.client.get(self.url, params=params)
            except httpx.HTTPError as exc:
                raise CorpusError(self.url, None, f"cannot reach arXiv ({type(exc).__name__}); syncing arXiv needs "
                                  "network access") from None
            finally:
                self._last = time.monotonic()
            if response.status_code in (429, 503):  # throttled: wait as asked, never less than the usual pause
                retry = response.headers.get("Retry-After", "")
                self.sleep(max(self.delay, float(retry) if retry.isdigit() else self.delay * 2 ** attempt))
                continue
            if response.status_code != 200:
                raise CorpusError(self.url, None, f"arXiv answered HTTP {response.status_code}")
            try:
                return ET.fromstring(response.content)
            except ET.ParseError as exc:
                raise CorpusError(self.url, None, f"arXiv sent a page that is not XML ({exc})") from None
        raise CorpusError(self.url, None, f"arXiv asked to wait {_MAX_RETRIES} times in a row; try again later")


def _day(root: ET.Element) -> str:
    return (root.findtext("oai:responseDate", "", _NS) or "")[:10]


def _paper(record: ET.Element, url: str) -> Paper | None:
    """One record as a ``Paper``; None for a deleted record or one without an id, title or abstract."""
    header = record.find("oai:header", _NS)
    if header is None or header.get("status") == "deleted":
        return None
    meta = record.find("oai:metadata/arxiv:arXiv", _NS)
    if meta is None:
        return None
    arxiv_id = (meta.findtext("arxiv:id", "", _NS) or "").strip()
    title = to_text(" ".join((meta.findtext("arxiv:title", "", _NS) or "").split()))
    abstract = to_text(" ".join((meta.findtext("arxiv:abstract", "", _NS) or "").split()))
    if not (arxiv_id and title and abstract):
        return None
    authors = tuple(" ".join(p for p in (a.findtext("arxiv:forenames", "", _NS), a.findtext("arxiv:keyname", "", _NS))
                             if p).strip()
                    for a in meta.findall("arxiv:authors/arxiv:author", _NS))
    return Paper(
        title=title, abstract=abstract, url=f"https://arxiv.org/abs/{arxiv_id}",
        date=(meta.findtext("arxiv:created", "", _NS) or "").strip(), authors=tuple(a for a in authors if a),
        source="arxiv", categories=tuple((meta.findtext("arxiv:categories", "", _NS) or "").split()),
        doi=(meta.findtext("arxiv:doi", "", _NS) or "").strip(), arxiv_id=arxiv_id,
    )
