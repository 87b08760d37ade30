"""``assistant`` on the command line: parses flags, calls the library, turns errors into exit messages."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from ..corpus import BUNDLED_COLLECTION
from ..errors import AssistantError
from ..eval.metrics import METRICS
from ..index import heap
from . import commands, startup


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Cited answers from a collection of paper abstracts.")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="add papers to the store (default: the bundled corpus)")
    ingest.add_argument("paths", nargs="*", help="corpus files or folders: .txt daily-papers dumps, .jsonl/.csv "
                        "records, the arXiv metadata snapshot (.json, one object a line), .bib, a Zotero zotero.sqlite")
    ingest.add_argument("--zotero", action="store_true",
                        help="also read the Zotero library in Zotero's data folder (read-only, while Zotero runs too)")
    ingest.add_argument("--collection", help="the collection these papers belong to, for filters "
                        "(default: each file's name without its suffix)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--rebuild", action="store_true",
                        help="drop this configuration's index first and embed everything again")

    ask = commands.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question")
    ask.add_argument("--format", choices=["text", "markdown", "json", "bibtex"], default="text",
                     help="text (default); markdown: the answer and its numbered references; json: Answer.to_dict(); "
                     "bibtex: the cited papers")
    ask.add_argument("--json", action="store_const", const="json", dest="format", help="same as --format json")
    ask.add_argument("--mode", choices=["auto", "extractive", "llm"], help="override ASSISTANT_MODE")
    ask.add_argument("-k", "--top-k", type=int, help="papers to retrieve")
    ask.add_argument("--since", metavar="DATE", help="only papers dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD); "
                     "papers whose date has no year are left out")
    ask.add_argument("--until", metavar="DATE", help="only papers dated on or before DATE")
    ask.add_argument("--category", action="append", metavar="NAME",
                     help="only papers in this category (e.g. cs.LG); repeat for any of several")
    ask.add_argument("--collection", action="append", metavar="NAME",
                     help="only papers of this collection or source file; repeat for any of several")

    passwd = commands.add_parser("passwd", help="print a line for ASSISTANT_AUTH_FILE: the user and a bcrypt hash "
                                 "of a password (asked for; read from stdin when it is not a terminal)")
    passwd.add_argument("user")

    commands.add_parser("mcp", help="serve the MCP tools (search_papers, ask, get_paper) on stdin/stdout, for "
                        "clients that launch their servers (Claude Desktop, Cursor, VS Code)")

    commands.add_parser("status", help="what the store holds, where its papers come from, how answers are made")

    sync = commands.add_parser("sync", help="read every source ingested again and apply the difference; "
                               "`sync arxiv --category cs.LG --since DATE` follows an arXiv feed")
    sync.add_argument("feed", nargs="?", choices=["arxiv"], help="follow a feed (arxiv: needs network access)")
    sync.add_argument("--category", action="append", metavar="NAME", help="an arXiv category (cs.LG); repeat for more")
    sync.add_argument("--since", metavar="YYYY-MM-DD", help="papers changed on or after this day (the first time)")
    sync.add_argument("--max", type=int, metavar="N", help="stop after N new papers (the next sync goes on)")
    sync.add_argument("--watch", action="store_true", help="keep syncing whenever a source changes")
    sync.add_argument("--interval", type=float, default=10.0, metavar="S", help="seconds between checks (--watch)")
    sync.add_argument("--quiet", action="store_true", help="no progress bar")

    ev = commands.add_parser("eval", help="score answers on a question set (JSON Lines)")
    ev.add_argument("questions", nargs="+", help="question sets: one JSON object a line (see evals/README.md); "
                    "several are scored as one")
    ev.add_argument("--split", choices=["calibration", "heldout"], help="only this half of each set")
    ev.add_argument("--out", help="folder for report.json, report.md and report.png (default: reports/<set name>)")
    ev.add_argument("-k", "--k", type=int, default=5, help="papers per answer (default 5)")
    ev.add_argument("--compare", help="comma-separated configurations, e.g. hybrid,dense,bm25 or extractive,llm "
                    "(parts: hybrid dense bm25 extractive llm, joined by '+'); thresholds apply to the first")
    ev.add_argument("--baseline", help="a report.json to compare with: a metric worse by more than --tolerance fails")
    ev.add_argument("--tolerance", type=float, default=0.02, help="allowed drop against --baseline (default 0.02)")
    ev.add_argument("--quiet", action="store_true", help="no progress bar")
    for name, (meaning, higher) in METRICS.items():
        flag = f"--{'min' if higher else 'max'}-{name.replace('_', '-')}"
        ev.add_argument(flag, type=float, dest=f"limit_{name}", metavar="X",
                        default=0.0 if name == "orphan_markers" else None,
                        help=f"fail when {meaning} is {'below' if higher else 'above'} X"
                        + (" (default 0)" if name == "orphan_markers" else ""))

    titles = commands.add_parser("titles", help="print the generated question set: each paper's title asks for its paper")
    titles.add_argument("paths", nargs="*", help="corpus files or folders (default: the bundled corpus)")
    names = commands.add_parser("names", help="print the generated named-method set: 'What does X do?' and other "
                                "phrasings for each paper whose title starts with a short name")
    names.add_argument("paths", nargs="*", help="corpus files or folders (default: the bundled corpus)")

    settings = commands.add_parser("settings", help="list the settings")
    settings.add_argument("--markdown", action="store_true", help="as the README's table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    startup.pause_collector()  # resumed once the command's imports are done (``startup``)
    try:
        return _run(_parser().parse_args(argv))
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        startup.resume_collector()


def run() -> NoReturn:
    """The ``assistant`` program (``main`` is for callers that go on afterwards)."""
    heap.one_arena_per_core()
    startup.pause_collector(freeze_on_resume=True)
    startup.exit(main())


def _run(args: argparse.Namespace) -> int:
    from ..settings import load_settings

    if args.command == "passwd":
        return commands.passwd(args.user)
    if args.command == "settings":
        from .settings_doc import settings_table

        print(settings_table(markdown=args.markdown))
        return 0

    settings = load_settings(**({"mode": args.mode} if getattr(args, "mode", None) else {}))
    if args.command == "mcp":
        from .mcp_stdio import serve

        return serve(settings)
    if args.command == "ask":
        assistant = startup.open_assistant(settings)
        store = assistant.store
    else:
        from ..index.client import drop_collection
        from ..index.store import PaperStore

        assistant = None
        if getattr(args, "rebuild", False) and drop_collection(settings):
            print(f"dropped index {settings.collection_name}; embedding again", file=sys.stderr)
        store = PaperStore(settings)
    startup.resume_collector()
    if notice := store.notice():
        print(f"note: {notice}", file=sys.stderr)
    if args.command == "sync":
        return commands.sync(args, settings, store)
    if args.command == "ingest":
        # The library's ingest without the Assistant: nothing of the answering side is imported.
        from ..index.ingest import ingest

        def embedding():
            from ..index.embedding import make_embedding

            return make_embedding(settings)

        paths = list(args.paths)
        if args.zotero:
            from ..corpus.zotero import find_database

            paths.append(find_database())
        report = ingest(paths or [settings.corpus_dir], settings, store, embedding, progress=not args.quiet,
                        collection=args.collection or (None if paths else BUNDLED_COLLECTION))
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(report.summary())
        return 0
    if assistant is None:
        from ..assistant import Assistant

        assistant = Assistant(settings, store=store)
    if args.command == "eval":
        return commands.run_eval(assistant, args)
    if args.command in ("titles", "names"):
        from ..corpus import load_papers
        from ..eval.sets import name_questions, title_questions

        generate = title_questions if args.command == "titles" else name_questions
        for record in generate(load_papers(args.paths or [settings.corpus_dir]).papers):
            print(json.dumps(record, ensure_ascii=False))
        return 0
    if args.command == "status":
        print(json.dumps(assistant.status(), indent=2, default=str))
        return 0
    if args.command == "ask":
        report = assistant.ensure_corpus()
        if report is not None:
            print(report.summary(), file=sys.stderr)
        from ..answer.filters import Filters

        filters = Filters.make(args.since, args.until, args.category, args.collection)
        answer = assistant.ask(args.question, top_k=args.top_k, filters=filters)
        if args.format == "json":
            print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
        elif args.format in ("markdown", "bibtex"):
            from . import export

            data = answer.to_dict()
            print(export.markdown(data) if args.format == "markdown" else export.bibtex(data["sources"]), end="")
            if args.format == "bibtex" and not data["sources"]:
                print("note: the answer cites no paper, so there is nothing to export", file=sys.stderr)
        else:
            print(_render(answer))
        return 0
    raise AssertionError(args.command)


def _render(answer) -> str:
    lines = []
    if answer.notice:
        lines += [f"Note: {answer.notice}", ""]
    lines.append(answer.text)
    flagged = [c for c in answer.claims if c.flagged]
    if flagged:
        lines.append("")
        lines += [f"Warning: {c.status}: \u201c{c.text}\u201d ({c.detail})" for c in flagged]
    if answer.sources:
        lines += ["", "Sources:"]
        lines += [f"  [{n}] {s.title} (score {s.score:.2f})" for n, s in enumerate(answer.sources, start=1)]
    if answer.uncited:
        lines += ["", "Also retrieved, not cited:" if not answer.abstained else "Closest papers:"]
        lines += [f"  - {s.title} (score {s.score:.2f})" for s in answer.uncited]
    return "\n".join(lines)


if __name__ == "__main__":
    run()
