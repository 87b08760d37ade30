"""Reaching Chroma: an embedded store in a folder, or a server (with its token), and the collections
it holds."""

from __future__ import annotations

import re
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings

from ..errors import StoreError
from ..settings import Settings


def connect(settings: Settings):
    """A client for the store these settings name; ``StoreError`` when it cannot be opened."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            token = settings.chroma_token.get_secret_value() if settings.chroma_token else None
            return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings,
                                       headers={"Authorization": f"Bearer {token}"} if token else None)
        Path(settings.vectorstore_dir).mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.vectorstore_dir), settings=chroma_settings)
    except Exception as exc:  # connection refused, bad path, incompatible on-disk format...
        if settings.chroma_host and re.search(r"\b(?:401|403)\b|unauthori[sz]ed|forbidden", str(exc), re.IGNORECASE):
            why = ("refused the token in ASSISTANT_CHROMA_TOKEN" if settings.chroma_token else
                   "requires a token and none was sent (set ASSISTANT_CHROMA_TOKEN)")
            raise StoreError(f"the Chroma server at {where_is(settings)} {why}") from None
        raise StoreError(f"cannot open the Chroma store at {where_is(settings)}: {exc}") from exc


def drop_collection(settings: Settings) -> bool:
    """Delete the collection these settings use (for a rebuild); collections of other settings stay."""
    client = connect(settings)
    if settings.collection_name not in collection_names(client):
        return False
    client.delete_collection(settings.collection_name)
    return True


def collection_names(client) -> list[str]:
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]  # str in newer chromadb


def where_is(settings: Settings) -> str:
    if settings.chroma_host:
        return f"http://{settings.chroma_host}:{settings.chroma_port}"
    return str(settings.vectorstore_dir)
