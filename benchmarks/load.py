"""Load: 20 concurrent chat sessions through gradio_client, the LLM answering in about 1 s.

    .venv/bin/python benchmarks/load.py [--questions 500] [--sessions 20]

The LLM is the in-process OpenAI-compatible test server (tests/fake_llm.py); retrieval is real (the
bundled corpus in vectorstore/, the real embedding model). Prints end-to-end latency p50/p95 per
question, errors, and the app's memory, threads and open files before and after.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from _util import ROOT, free_port, machine, ms, rss_mib

NO_FILTERS = ("", "", [], [])  # the chat's since, until, categories, collections

from assistant import Assistant, Settings
from assistant.eval.sets import load_questions
from assistant.faces.ui import ChatApp
from tests.fake_llm import FakeLLM, Reply

ANSWER = "The paper reports the figure in its abstract [1], and a second paper agrees [2]."


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    from gradio_client import Client

    pieces = len(ANSWER) // 4 + 2  # the fake server streams about four characters a chunk
    llm = FakeLLM(reply=lambda request: Reply(text=ANSWER, delay=1.0 / pieces)).start()
    settings = Settings(vectorstore_dir=ROOT / "vectorstore", llm_base_url=llm.base_url, llm_model="fake-model",
                        port=free_port(), concurrency=args.sessions)
    app = ChatApp(Assistant(settings))
    app.assistant.ensure_corpus()
    app.assistant.warm_up()
    demo = app.build()
    app.launch(demo, prevent_thread_lock=True, quiet=True)
    url = f"http://127.0.0.1:{settings.port}/"
    questions = [q.question for q in load_questions(ROOT / "evals" / "handwritten.jsonl")]

    def snapshot() -> str:
        fds = len(os.listdir("/proc/self/fd"))
        return f"RSS {rss_mib():.0f} MiB, {threading.active_count()} threads, {fds} open files"

    Client(url, verbose=False).predict(questions[0], "auto", 5, *NO_FILTERS, api_name="/chat")  # warm
    print(f"before: {snapshot()}")
    latencies: list[float] = []
    errors: list[str] = []
    per_session = args.questions // args.sessions

    def session(n: int) -> None:
        client = Client(url, verbose=False)
        for i in range(per_session):
            question = questions[(n * per_session + i) % len(questions)]
            t = time.perf_counter()
            try:
                chat, panel, _ = client.predict(question, "auto", 5, *NO_FILTERS, api_name="/chat")
                if "src-" not in str(chat[-1]) and "Declined" not in str(chat[-1]):
                    errors.append(f"uncited answer to {question!r}")
            except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
                errors.append(f"{type(exc).__name__}: {exc}")
            latencies.append(time.perf_counter() - t)
            if (i + 1) % 5 == 0 and len(latencies) % 50 < args.sessions // 4 + 1:
                print(f"\r  {len(latencies)} answered", end="", flush=True)

    started = time.perf_counter()
    with ThreadPoolExecutor(args.sessions) as pool:
        list(pool.map(session, range(args.sessions)))
    wall = time.perf_counter() - started
    print(f"\r{len(latencies)} questions from {args.sessions} sessions in {wall:.0f} s "
          f"({len(latencies) / wall:.1f} questions/s); end-to-end {ms(latencies)}; {len(errors)} errors")
    for error in errors[:5]:
        print(f"  error: {error}")
    time.sleep(2)
    print(f"after:  {snapshot()}")
    demo.close()
    llm.stop()


if __name__ == "__main__":
    main()
