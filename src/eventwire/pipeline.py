"""The coder: one object that holds the loaded pipeline and resources and codes articles."""

from __future__ import annotations

import logging
from typing import Iterable, Iterator

from .model import Article, Event

log = logging.getLogger(__name__)


class Coder:
    """Loads the spaCy pipeline and eventwire's resources once; codes articles into events.

    ``Coder.load()`` is the only expensive step; ``extract`` is safe to call many times.
    """

    def __init__(self, nlp=None, resources=None):
        self.nlp = nlp
        self.resources = resources

    @classmethod
    def load(cls) -> "Coder":
        return cls()

    def extract(self, article: Article) -> list[Event]:
        """Code one article; events come back in text order."""
        return []

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for article in articles:
            yield article, self.extract(article)
