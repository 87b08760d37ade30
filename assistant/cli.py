"""``assistant`` on the command line: parses flags, calls the library, turns errors into exit messages."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .errors import AssistantError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Cited answers from a collection of paper abstracts.")
    commands = parser.add_subparsers(dest="command", required=True)

    ingest = commands.add_parser("ingest", help="add papers to the store (default: the bundled corpus)")
    ingest.add_argument("paths", nargs="*", help="corpus files or folders (.txt daily-papers dumps, .jsonl, .csv)")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")

    ask = commands.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print Answer.to_dict() as JSON")
    ask.add_argument("--mode", choices=["auto", "extractive", "llm"], help="override ASSISTANT_MODE")
    ask.add_argument("-k", "--top-k", type=int, help="papers to retrieve")

    commands.add_parser("status", help="what the store holds and how answers are made")

    settings = commands.add_parser("settings", help="list the settings")
    settings.add_argument("--markdown", action="store_true", help="as the README's table")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    from .settings import load_settings

    if args.command == "settings":
        from .settings_doc import settings_table

        print(settings_table(markdown=args.markdown))
        return 0

    settings = load_settings(**({"mode": args.mode} if getattr(args, "mode", None) else {}))
    from .assistant import Assistant

    assistant = Assistant(settings)
    if args.command == "ingest":
        report = assistant.ingest(args.paths or None, progress=not args.quiet)
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(report.summary())
        return 0
    if args.command == "status":
        print(json.dumps(assistant.status(), indent=2, default=str))
        return 0
    if args.command == "ask":
        report = assistant.ensure_corpus()
        if report is not None:
            print(report.summary(), file=sys.stderr)
        answer = assistant.ask(args.question, top_k=args.top_k)
        if args.json:
            print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
        else:
            print(_render(answer))
        return 0
    raise AssertionError(args.command)


def _render(answer) -> str:
    lines = []
    if answer.notice:
        lines += [f"Note: {answer.notice}", ""]
    lines.append(answer.text)
    if answer.sources:
        lines += ["", "Sources:"]
        lines += [f"  [{n}] {s.title} (score {s.score:.2f})" for n, s in enumerate(answer.sources, start=1)]
    if answer.uncited:
        lines += ["", "Also retrieved, not cited:" if not answer.abstained else "Closest papers:"]
        lines += [f"  - {s.title} (score {s.score:.2f})" for s in answer.uncited]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
