"""The one ``Settings`` object: every knob, its default and its meaning, in one place.

Values come from keyword arguments, then ``ASSISTANT_*`` environment variables, then a ``.env``
file. The README's settings table is generated from this class (``assistant settings --markdown``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .errors import SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
OPENAI_BASE_URL = "https://api.openai.com/v1"
OPENAI_DEFAULT_MODEL = "gpt-4o-mini"
LOCAL_EMBED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
HASH_MODEL = "hash"  # a deterministic embedding with no model, for tests
MAX_TOP_K = 20  # most papers one answer or search draws on


class Mode(str, Enum):
    AUTO = "auto"
    EXTRACTIVE = "extractive"
    LLM = "llm"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_",
        env_file=".env",
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )

    # Corpus and store
    corpus_dir: Path = Field(PROJECT_ROOT / "data", description="Bundled corpus ingested on first use.")
    vectorstore_dir: Path = Field(PROJECT_ROOT / "vectorstore", description="Embedded Chroma data folder.")
    chroma_host: str | None = Field(None, description="Chroma server host; when set, the server is used instead of the embedded store.")
    chroma_port: int = Field(8000, description="Chroma server port (with `ASSISTANT_CHROMA_HOST`).")
    chroma_token: SecretStr | None = Field(None, description="Token sent to the Chroma server (`Authorization: Bearer`), for a server behind a proxy that requires one.")
    collection_prefix: str = Field("papers", description="Prefix of the Chroma collection name; the rest is a hash of the embedding and chunking settings.")

    # Embedding and chunking
    embed_model: str = Field(LOCAL_EMBED_MODEL, description="Embedding model: the bundled MiniLM, a local sentence-transformers folder, or `hash` (deterministic, for tests).")
    embed_batch_size: int = Field(64, ge=1, description="Texts per embedding batch.")
    model_cache_dir: Path = Field(PROJECT_ROOT / ".cache", description="Where the ONNX graph of the embedding model is built once and kept.")
    chunk_tokens: int = Field(256, ge=32, description="Most word-piece tokens in one embedded chunk (title included); the model's limit is 256.")
    chunk_overlap: int = Field(48, ge=0, description="Tokens shared by neighbouring chunks of one abstract.")

    # Retrieval
    top_k: int = Field(5, ge=1, le=MAX_TOP_K, description="Papers given as sources of an answer.")
    candidates: int = Field(30, ge=1, description="Chunks each retriever (dense, BM25) returns before fusion.")
    retriever: Literal["hybrid", "dense", "bm25"] = Field("hybrid", description="`hybrid` (dense + BM25 fused), `dense` or `bm25`.")
    fusion: Literal["dist", "rrf"] = Field("dist", description="How hybrid fuses dense and BM25: `dist` (scores normalized by their spread, weighted) or `rrf` (reciprocal rank).")
    bm25_weight: float = Field(0.6, ge=0, le=1, description="Share of BM25 in `dist` fusion (dense gets the rest); 0.6 measured best on the shipped question sets.")
    min_support: float = Field(0.424, description="Decline when the evidence score of the best-supporting paper (its best passage's and sentence's similarity, the question's terms it holds, its title match, less penalties for names and words no paper uses; see README) is below this. Fitted by `evals/calibrate.py`.")

    # Answering
    mode: Mode = Field(Mode.AUTO, description="`auto` (LLM when one is configured, else extractive), `extractive` or `llm`.")
    grounding: Literal["flag", "drop", "off"] = Field("flag", description="Check each claim of an LLM answer against the sources it cites: `flag` marks unsupported claims, `drop` removes them (and says how many), `off` skips the check.")
    extractive_sentences: int = Field(4, ge=1, le=10, description="Most sentences quoted by an extractive answer.")
    max_question_chars: int = Field(2000, ge=10, description="Longer questions are refused with a message.")
    prompts_dir: Path = Field(PROJECT_ROOT / "prompts", description="Folder of prompt templates.")

    # LLM over the OpenAI-compatible API
    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. `http://127.0.0.1:8080/v1` (llama.cpp), `http://127.0.0.1:11434/v1` (Ollama).")
    llm_model: str | None = Field(None, description=f"Model name at the endpoint (default `{OPENAI_DEFAULT_MODEL}` for the hosted OpenAI API, else the server's first model).")
    llm_api_key: SecretStr | None = Field(
        None,
        validation_alias=AliasChoices("llm_api_key", "ASSISTANT_LLM_API_KEY", "OPENAI_API_KEY"),
        description="API key; falls back to `OPENAI_API_KEY`. A key alone means the hosted OpenAI API.",
    )
    llm_stream: bool = Field(True, description="Ask the LLM for a token stream.")
    llm_temperature: float = Field(0.1, ge=0, le=2, description="Sampling temperature.")
    llm_max_tokens: int = Field(600, ge=16, description="Most tokens in a generated answer.")
    context_tokens: int = Field(3000, ge=200, description="Token budget of the sources placed in the prompt (counted with tiktoken).")
    llm_connect_timeout: float = Field(3.0, gt=0, description="Seconds to open a connection to the LLM.")
    llm_first_token_timeout: float = Field(30.0, gt=0, description="Seconds to wait for the first token.")
    llm_total_timeout: float = Field(90.0, gt=0, description="Seconds for a whole LLM answer.")

    # Feeds
    arxiv_url: str = Field("https://oaipmh.arxiv.org/oai", description="arXiv's OAI-PMH endpoint, for `assistant sync arxiv` (which needs network access).")
    arxiv_delay: float = Field(3.0, ge=0, description="Seconds between requests to arXiv; its terms ask for at least 3.")

    # Chat UI
    host: str = Field("127.0.0.1", description="Address the chat UI binds to.")
    port: int = Field(7860, description="Port of the chat UI.")
    concurrency: int = Field(4, ge=1, description="Questions answered at once by the UI; others queue.")
    max_queue: int = Field(64, ge=1, description="Questions waiting in the UI queue before new ones are turned away.")
    mcp_server: bool = Field(True, description="Serve the MCP tools (`search_papers`, `ask`, `get_paper`) at `/gradio_api/mcp/` beside the chat.")

    # Serving others
    auth: SecretStr | None = Field(None, description="Sign-in for every route of the app: `user:password` (several separated by commas); required when `ASSISTANT_HOST` is not a loopback address.")
    auth_file: Path | None = Field(None, description="A file of `user:bcrypt-hash` lines (`assistant passwd USER` writes one), instead of or beside `ASSISTANT_AUTH`.")
    mcp_token: SecretStr | None = Field(None, description="A bearer token MCP clients may send instead of a user and password (the MCP route only).")
    rate_limit: int = Field(0, ge=0, description="Questions a minute per user (or per address without sign-in) across the chat, API and MCP; 0 for no limit.")

    @model_validator(mode="after")
    def _overlap_fits(self) -> "Settings":
        if self.chunk_overlap >= self.chunk_tokens // 2:
            raise ValueError("chunk_overlap must be less than half of chunk_tokens")
        return self

    # Derived values -------------------------------------------------------------------------

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url or self.llm_api_key)

    @property
    def effective_base_url(self) -> str:
        return (self.llm_base_url or OPENAI_BASE_URL).rstrip("/")

    @property
    def effective_mode(self) -> Mode:
        if self.mode is Mode.AUTO:
            return Mode.LLM if self.llm_configured else Mode.EXTRACTIVE
        if self.mode is Mode.LLM and not self.llm_configured:
            raise SettingsError(
                "ASSISTANT_MODE=llm needs an LLM: set ASSISTANT_LLM_BASE_URL (and ASSISTANT_LLM_MODEL) "
                "or OPENAI_API_KEY."
            )
        return self.mode

    @property
    def index_fingerprint(self) -> str:
        """Names what makes vectors comparable: a store built under another fingerprint is never reused."""
        key = json.dumps(
            {"embed": self.embed_model, "tokens": self.chunk_tokens, "overlap": self.chunk_overlap, "v": 4},
            sort_keys=True,
        )
        return hashlib.sha256(key.encode()).hexdigest()[:12]

    @property
    def collection_name(self) -> str:
        return f"{self.collection_prefix}-{self.index_fingerprint}"

    def with_overrides(self, **overrides: object) -> "Settings":
        """A copy with some fields replaced, validated like the original."""
        if not overrides:
            return self
        unknown = sorted(set(overrides) - set(type(self).model_fields))
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(unknown)}")
        data = self.model_dump()
        data.update(overrides)
        with _readable_errors():
            return type(self).model_validate(data)


@contextlib.contextmanager
def _readable_errors() -> Iterator[None]:
    try:
        yield
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise SettingsError(f"invalid settings: {problems}") from None


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment and ``.env``, with keyword overrides; errors become SettingsError."""
    with _readable_errors():
        return Settings(**overrides)
