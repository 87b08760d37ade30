"""The work of the CLI's longer commands (``passwd``, ``sync``, ``eval``); ``cli.py`` parses the
command line and sends each command here or to the ``Assistant``."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import SettingsError
from ..eval.metrics import METRICS


def passwd(user: str) -> int:
    import getpass

    from .access import hash_line

    if not user or ":" in user:
        raise SettingsError("a user name is needed, without a colon")
    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {user}: ")
        if getpass.getpass("again: ") != password:
            raise SettingsError("the two passwords differ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 8:
        raise SettingsError("a password needs at least 8 characters")
    print(hash_line(user, password))
    return 0


def sync(args: argparse.Namespace, settings, store) -> int:
    from ..index import sync

    def embedding():
        from ..index.embedding import make_embedding

        return make_embedding(settings)

    only = lambda source: True  # noqa: E731
    if args.feed == "arxiv":
        if not args.category or not args.since:
            raise SettingsError("sync arxiv needs --category (e.g. cs.LG) and --since YYYY-MM-DD")
        path = sync.follow_arxiv(settings, store, args.category, args.since)
        only = lambda source: source.path == str(path.resolve())  # noqa: E731
    results = sync.sync(settings, store, embedding, progress=not args.quiet, only=only, limit=args.max)
    for result in results:
        print(result.line())
    if not results:
        print("no sources yet: `assistant ingest FILE` or `assistant sync arxiv ...` adds one", file=sys.stderr)
    if args.watch:
        print(f"watching {len(results)} source(s) every {args.interval:g} s; Ctrl-C stops", file=sys.stderr, flush=True)
        for results in sync.watch(settings, store, embedding, args.interval):
            for result in results:
                print(result.line(), flush=True)
    return 0


def run_eval(assistant, args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..eval.evaluate import check, evaluate, parse_config, regressions
    from ..eval.report import console_table, report_data, write_reports
    from ..eval.sets import load_questions

    configs = [c.strip() for c in (args.compare or "default").split(",") if c.strip()]
    for config in configs:
        parse_config(config)  # a typo fails before minutes of work
    report = assistant.ensure_corpus()
    if report is not None:
        print(report.summary(), file=sys.stderr)
    known = assistant.store.stored_papers()
    questions = [q for path in args.questions for q in load_questions(path, known=known, split=args.split)]
    runs = [evaluate(assistant, questions, args.k, config, progress=not args.quiet) for config in configs]
    settings = {"embed_model": assistant.settings.embed_model, "retriever": assistant.settings.retriever,
                "mode": assistant.settings.effective_mode.value, "min_support": assistant.settings.min_support,
                "k": args.k, "llm": assistant.llm.describe() if assistant.llm else None}
    set_name = " + ".join(Path(p).name for p in args.questions) + (f" ({args.split})" if args.split else "")
    data = report_data(runs, set_name, settings)
    out = Path(args.out or Path("reports") / "+".join(Path(p).stem for p in args.questions))
    paths = write_reports(data, out)
    print(console_table(data))
    print("wrote " + ", ".join(str(p) for p in paths))

    first = data["configs"][configs[0]]["metrics"]
    limits = {name: getattr(args, f"limit_{name}") for name in METRICS}
    failures = check(
        first,
        {n: v for n, v in limits.items() if v is not None and METRICS[n][1]},
        {n: v for n, v in limits.items() if v is not None and not METRICS[n][1]},
    )
    if args.baseline:
        baseline = json.loads(Path(args.baseline).read_text(encoding="utf-8"))["configs"]
        for config in configs:
            if config in baseline:
                failures += [f"{config}: {f}" for f in regressions(data["configs"][config]["metrics"],
                                                                  baseline[config]["metrics"], args.tolerance)]
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0
