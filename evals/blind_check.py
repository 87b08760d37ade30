"""The checks every blind question set's validator runs (evals/blind17/validate.py, evals/blind18/validate.py):
keys and ids, counts per kind and tag, runs of one kind, titles and facts against the parsed corpus,
papers used once, each kind's own checks from the set's metadata (names a paraphrase must not write,
typos one edit from a name the abstract writes, absent-detail patterns the asked abstract must not
match, near-domain names no paper writes, topic patterns that find exactly the listed papers), and the
overlap with earlier blind sets. Standard library only: a validator runs with any python3."""
import argparse, json, os, re
from collections import Counter


def dl_distance(a, b):
    """Edits from ``a`` to ``b``, a swap of two neighbours counting one (optimal string alignment)."""
    a, b = a.lower(), b.lower()
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1): d[i][0] = i
    for j in range(len(b) + 1): d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            c = 0 if a[i-1] == b[j-1] else 1
            d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + c)
            if i > 1 and j > 1 and a[i-1] == b[j-2] and a[i-2] == b[j-1]:
                d[i][j] = min(d[i][j], d[i-2][j-2] + 1)
    return d[-1][-1]


def name_in(name, text):
    """Whether ``text`` writes ``name``: anywhere when it is long, as a whole word when short."""
    if len(name) >= 5:
        return name.lower() in text.lower()
    return re.search(r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z0-9])", text, re.I) is not None


def longest_run(vals):
    best = cur = 1
    for a, b in zip(vals, vals[1:]):
        cur = cur + 1 if a == b else 1
        best = max(best, cur)
    return best


def check(META, prefix, earlier, apart_from, here, argv=None):
    """0 when every check holds for the set in ``here`` (ids ``prefix``001...), else 1 with the problems
    printed. ``earlier``: the blind sets whose papers are counted; from ``apart_from`` on none may be reused."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--abstracts", default="/tmp/abstracts.jsonl")
    ap.add_argument("--questions", default=os.path.join(here, "questions.jsonl"))
    args = ap.parse_args(argv)

    recs = [json.loads(l) for l in open(args.abstracts, encoding="utf-8") if l.strip()]
    ABS = {r["title"]: r["abstract"] for r in recs}
    BLOB = "\n".join((r["title"] + "\n" + r["abstract"]).lower() for r in recs)
    errors = []
    err = errors.append

    # ---- parse, keys, ids
    Qs = []
    with open(args.questions, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                Qs.append(json.loads(line))
            except Exception as e:
                err(f"line {n}: bad JSON ({e})")
    if len(Qs) != 100: err(f"expected 100 lines, got {len(Qs)}")
    BASE = {"id", "kind", "question", "relevant", "facts", "tags"}
    for i, q in enumerate(Qs, 1):
        want = BASE | ({"detail"} if q.get("kind") == "absent" else set())
        if set(q) != want: err(f"{q.get('id')}: keys {sorted(q)} != {sorted(want)}")
        if q.get("id") != f"{prefix}{i:03d}": err(f"line {i}: id {q.get('id')} != {prefix}{i:03d}")
        if q.get("id") not in META: err(f"{q.get('id')}: no metadata")

    # ---- counts
    cnt = Counter((q["kind"], q["tags"][0]) for q in Qs)
    expect = {("fact", "paraphrase-figure"): 30, ("fact", "misspelled"): 10, ("absent", "absent-detail"): 30,
              ("unanswerable", "near-domain"): 20, ("topic", "which-papers"): 10}
    if dict(cnt) != expect: err(f"counts {dict(cnt)} != {expect}")
    two_fig = [q for q in Qs if q["tags"][0] == "paraphrase-figure" and "two-figures" in q["tags"]]
    if len(two_fig) != 8: err(f"two-figures count {len(two_fig)} != 8")
    two_part = [q for q in Qs if q["kind"] == "absent" and "two-part" in q["tags"]]
    if len(two_part) != 10: err(f"two-part count {len(two_part)} != 10")
    for q in Qs:
        if q["tags"][0] == "paraphrase-figure":
            n = 2 if "two-figures" in q["tags"] else 1
            if len(q["facts"]) != n: err(f"{q['id']}: {len(q['facts'])} facts, expected {n}")
        if q["kind"] in ("absent", "unanswerable", "topic") and q["facts"]: err(f"{q['id']}: facts must be empty")
        if q["kind"] == "unanswerable" and q["relevant"]: err(f"{q['id']}: relevant must be empty")

    # ---- runs
    kr = longest_run([q["kind"] for q in Qs]); tr = longest_run([q["tags"][0] for q in Qs])
    if kr > 2: err(f"longest run of one kind is {kr} (> 2)")
    if tr > 2: err(f"longest run of one category tag is {tr} (> 2)")

    # ---- titles, facts
    for q in Qs:
        for t in q["relevant"]:
            if t not in ABS: err(f"{q['id']}: title not in corpus: {t!r}")
        for fct in q["facts"]:
            if not any(fct.lower() in ABS.get(t, "").lower() for t in q["relevant"]):
                err(f"{q['id']}: fact {fct!r} not in relevant abstract")

    # ---- paper reuse
    fa = [q for q in Qs if q["kind"] in ("fact", "absent")]
    fa_papers = []
    for q in fa:
        if len(q["relevant"]) != 1: err(f"{q['id']}: fact/absent must have exactly one relevant paper")
        fa_papers += q["relevant"]
    dup = [t for t, c in Counter(fa_papers).items() if c > 1]
    if dup: err(f"papers repeated across fact/absent: {dup}")
    topic_papers = []
    for q in Qs:
        if q["kind"] == "topic":
            if not q["question"].startswith("Which papers"): err(f"{q['id']}: topic question must start with 'Which papers'")
            if not 2 <= len(q["relevant"]) <= 4 or len(set(q["relevant"])) != len(q["relevant"]):
                err(f"{q['id']}: topic needs 2-4 distinct papers")
            topic_papers += q["relevant"]
    if len(set(topic_papers)) != len(topic_papers): err("topic papers repeat across topics")
    if set(topic_papers) & set(fa_papers): err(f"topic papers overlap fact/absent: {set(topic_papers) & set(fa_papers)}")

    # ---- per-kind checks
    for q in Qs:
        m = META.get(q["id"], {}); qt = q["question"]; tag = q["tags"][0]
        if tag == "paraphrase-figure":
            for nm in m["names"]:
                if name_in(nm, qt): err(f"{q['id']}: question contains method name {nm!r}")
        elif tag == "misspelled":
            typo, corr = m["typo"], m["correct"]
            ab = ABS[q["relevant"][0]]
            if typo not in qt: err(f"{q['id']}: typo {typo!r} not in question")
            if len(corr) < 5: err(f"{q['id']}: correct name shorter than 5 letters")
            if typo[0].lower() != corr[0].lower(): err(f"{q['id']}: first letter changed")
            if typo.lower() in BLOB: err(f"{q['id']}: typo {typo!r} occurs in corpus")
            if corr.lower() not in ab.lower(): err(f"{q['id']}: correct name {corr!r} not in abstract")
            if corr.lower() in qt.lower(): err(f"{q['id']}: correct name appears in question")
            if dl_distance(typo, corr) != 1: err(f"{q['id']}: typo {typo!r} is not one edit from {corr!r}")
        elif tag == "absent-detail":
            t = q["relevant"][0]; ab = ABS[t]
            for p in m["patterns"]:
                if re.search(p, ab, re.I): err(f"{q['id']}: pattern {p!r} matches the asked abstract")
            if "two-part" in q["tags"]:
                if "answered" not in m or m["answered"].lower() not in ab.lower():
                    err(f"{q['id']}: answered part not found in abstract")
            else:
                if "confirm" not in m: err(f"{q['id']}: no confirming abstract recorded")
                else:
                    ct, phrase = m["confirm"]
                    if ct == t or ct not in ABS: err(f"{q['id']}: bad confirming title {ct!r}")
                    elif phrase.lower() not in ABS[ct].lower(): err(f"{q['id']}: confirming phrase {phrase!r} not in {ct!r}")
                    elif not any(re.search(p, ABS[ct], re.I) for p in m["patterns"]):
                        err(f"{q['id']}: no pattern matches confirming abstract {ct!r}")
        elif tag == "near-domain":
            if not any(k.lower() in qt.lower() for k in m["keys"]): err(f"{q['id']}: question lacks its key names")
            for k in m["keys"]:
                if k.lower() in BLOB: err(f"{q['id']}: key name {k!r} occurs in corpus")
        elif tag == "which-papers":
            fl = 0 if m["case_sensitive"] else re.I
            hits = {r["title"] for r in recs if re.search(m["pattern"], r["title"] + "\n" + r["abstract"], fl)}
            if hits != set(q["relevant"]):
                err(f"{q['id']}: pattern hits {sorted(hits)} != relevant {sorted(q['relevant'])}")

    # ---- overlap with earlier blind sets (relevant fields only; optional)
    used = set(fa_papers) | set(topic_papers)
    report = {}
    for s in earlier:
        p = os.path.join(here, "..", f"blind{s}", "questions.jsonl")
        if not os.path.exists(p): continue
        prev = set()
        for l in open(p, encoding="utf-8"):
            if l.strip(): prev |= set(json.loads(l).get("relevant", []))
        report[f"blind{s}"] = len(used & prev)
        if s >= apart_from and used & prev: err(f"papers overlap blind{s}: {sorted(used & prev)}")

    print(f"questions: {len(Qs)}; distinct papers: {len(used)} (fact/misspelled/absent {len(set(fa_papers))}, topic {len(topic_papers)})")
    print(f"longest kind run {kr}, longest tag run {tr}")
    if report: print("overlap with earlier sets:", report)
    if errors:
        print(f"{len(errors)} PROBLEM(S):")
        for e in errors: print("  -", e)
        return 1
    print("ALL CHECKS PASSED")
    return 0
