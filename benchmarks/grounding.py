"""What checking an LLM answer's claims costs, per answer, on the bundled corpus.

    .venv/bin/python benchmarks/grounding.py

The 90 scripted answers of evals/claims.jsonl (1-3 claims each) are served by the test LLM; each
goes through ask() with the check on, and the time of the check alone is printed.
"""

from __future__ import annotations

import os
import sys

from _util import ROOT, machine, pct

sys.path.insert(0, str(ROOT))


def main() -> None:
    from tests.fake_llm import FakeLLM, scripted

    from assistant import Assistant
    from assistant.eval.sets import load_questions

    print(f"machine: {machine()}")
    records = load_questions(ROOT / "evals" / "claims.jsonl")
    server = FakeLLM().start()
    server.reply = scripted(records)
    os.environ.update(ASSISTANT_LLM_BASE_URL=server.base_url, ASSISTANT_LLM_MODEL="fake-model")
    try:
        assistant = Assistant()
        assistant.ensure_corpus()
        assistant.warm_up()
        seconds, claims = [], 0
        for record in records:
            answer = assistant.ask(record.question)
            seconds.append(answer.timings["grounding"])
            claims += len(answer.claims)
    finally:
        server.stop()
    print(f"{len(records)} answers, {claims} claims: check p50 {pct(seconds, 50) * 1000:.1f} ms, "
          f"p95 {pct(seconds, 95) * 1000:.1f} ms, max {max(seconds) * 1000:.1f} ms per answer")


if __name__ == "__main__":
    main()
