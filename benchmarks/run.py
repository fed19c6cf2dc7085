"""Benchmark: newsvoices on a large corpus, stage by stage, against a plain spaCy run.

Run from the project folder (``make benchmark`` does):

    .venv/bin/python benchmarks/run.py                  # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/run.py --sizes 500 2000 --source my_articles/

**How the corpus is built.** Real news, multiplied: the paragraphs of the 840 real articles of
PolNeAR's train split (``../shared/data/polnear/train/articles``, when it is there beside the
project; read in place, never copied), of the seeds, of the test articles in ``tests/data`` and of
any ``--source`` folder are pooled, and each
synthetic article draws paragraphs from the pool (seeded random generator), never the same one
twice while the pool lasts, until it holds about ``--kb`` KB (4 by default); then it gets its own
id and a last line naming it, so no two articles are identical (the loader would set duplicates
aside). The articles are written as ``.txt`` files to a temporary folder and read back through
``load_corpus``, as a user's would be.

**Repeated paragraphs cost what new text costs.** The library keeps no cache keyed by a
sentence's or a statement's text across articles (only per-word caches, which a real
vocabulary fills as well), so a corpus multiplied from a few hundred paragraphs is not
faster to analyse than real news of the same size. (Until 2026-11-23 the TextBlob scores
were memoised per text, which made this benchmark report about twice the real speed.)

**What is measured**, in one run, per corpus size: seconds, articles per second and MB per
second end to end (load and ``analyse`` on all cores without cache, in a fresh process whose peak
memory, workers included, is reported), the same through ``analyse_archive`` (tasks read the
files and write Parquet parts; the caller's peak memory and a worker's are reported apart), then
per stage on one core (load and sentence split;
word counts; speaker attribution; tone), ``analyse`` writing the cache and with the cache
warm (and, in a fresh process, a notebook's opening: ``load_corpus`` and ``analyse`` reading
the cache), and a **plain spaCy run**: the same articles through the whole en_core_web_sm
pipeline, every sentence, ``nlp.pipe(texts, n_process=2)``, what parsing a corpus costs without
the library's choice of the sentences worth parsing. On the smallest corpus it runs twice, each
time just before one of two end-to-end runs of the library on the same articles (this machine's
speed drifts by a third within minutes), and the best of the library's two is compared with the
best of spaCy's two, as ``timeit`` reads repeated timings (a slower run measures the other load
of the machine); the ratio of the means and each run's against the plain run before it are
printed beside it. A third plain run, after them, gives spaCy the library's matrix products
(numpy's BLAS, one thread a process: :mod:`newsvoices.nlp`), so that what they buy shows apart. The
``matrix kernels:`` line names the kernels of the machine: numpy's BLAS, and the
sub-configuration blis picks for its CPU; where blis has no kernels for the CPU (``generic``:
an AMD Zen 4 with blis 1.3.4), its matrix products run about 2.5 times slower, which slows
spaCy's own layers and every parser's step loop, the plain run more than the library
(docs/benchmarks.md), so the ratio is higher than on a CPU blis knows. On the largest corpus, the
report (every notebook, rendered to HTML) is built once with the cache warm, as a user
re-opening the notebooks would (``--no-report`` skips it). The scaling curve, printed at the
end, adds by default corpora of 2,000 and 5,000 articles (those smaller than the largest
``--sizes``; ``--curve`` gives others) timed end to end only, so that the default run has four
points without running every stage four times. Last, single articles of
``--long-mb`` MB (1 and 4) written on one line, as a page that lost its paragraph breaks
arrives, are analysed on one core, to show how the cost per MB grows with the size. Their text
passes over the paragraph pool again and again, with new names on each pass, so that few
sentences repeat within the article (see ``renamed``).

Targets (2-core machine; measured figures in docs/benchmarks.md): end to end at least 3 times the throughput of the plain spaCy run;
peak memory under 2 GB at 10,000 articles; a cached analysis opened in seconds; every notebook
rendered in under 3 minutes with the cache warm.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 3.0
TARGET_PEAK_MB = 2048
TARGET_OPEN_S = 10
TARGET_REPORT_S = 180
#: Real news to draw paragraphs from, when it is there beside the project (never copied into it).
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train" / "articles"


def paragraphs(folders: list[Path]) -> list[str]:
    import newsvoices as nv

    pool: list[str] = []
    for folder in folders:
        for article in nv.load_corpus(folder, cache=False, progress=False):
            pool.extend(article.paragraphs)
    return pool


def build_corpus(folder: Path, n: int, kb: float, pool: list[str], seed: int = 0) -> float:
    """Write ``n`` articles of about ``kb`` KB into ``folder``; return the MB written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        parts, size, used = [], 0, set()
        while size < kb * 1000:
            k = rng.randrange(len(pool))
            if k in used and len(used) < len(pool):
                continue  # a paragraph once per article (while the pool lasts), as in real news
            used.add(k)
            parts.append(pool[k])
            size += len(pool[k]) + 2
        text = "\n\n".join(parts) + f"\n\nFiled as article {i:06d} of the benchmark corpus."
        data = text.encode("utf-8")
        (folder / f"bench_{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total / 1e6


def peak_mb() -> float:
    """Peak resident memory of this process and of its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


#: The peak resident memory of this process since it started its program. (``ru_maxrss``
#: would also count the pages of the benchmark's own process, which this one was forked from
#: before it started Python: Linux keeps that peak across ``exec``.)
OWN_PEAK = """
def own_peak_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

END_TO_END = """
import json, os, resource, sys, time
sys.path.insert(0, {lib!r})
import newsvoices as nv
{own_peak}
start = time.perf_counter()
corpus = nv.load_corpus({folder!r}, cache=False, progress=False)
loaded = time.perf_counter()
result = nv.analyse(corpus, nv.ActorRegistry(), workers={workers!r}, cache=False, progress=False)
done = time.perf_counter()
peak = max(own_peak_mb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(json.dumps({{"load": loaded - start, "analyse": done - loaded, "peak_mb": peak,
                  "statements": int(result.statements["statement_id"].nunique())}}))
"""


#: Run with BLIS_ARCH_DEBUG set, blis prints the sub-configuration it picks for this CPU as it
#: first multiplies; the script prints numpy's BLAS libraries and their kernel families.
KERNELS = """
import json, numpy, threadpoolctl
try:
    from blis.py import gemm
    gemm(numpy.ones((4, 4), dtype="float32"), numpy.ones((4, 4), dtype="float32"))
except Exception:
    pass
print(json.dumps([(i["internal_api"] + " " + (i.get("architecture") or "")).strip()
                  for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]))
"""


def kernels() -> dict:
    """The matrix kernels of this machine: numpy's BLAS and its kernel family (which the
    library's layers multiply through), and the sub-configuration blis picks for this CPU
    (which spaCy's own layers and every parser's compiled step loop multiply through;
    ``generic`` is its plain C, about 2.5 times slower, on a CPU it has no kernels for)."""
    import json
    import re
    import subprocess

    found = {"numpy": "unknown", "blis": "unknown"}
    try:  # a probe, never a reason to stop the benchmark
        out = subprocess.run([sys.executable, "-c", KERNELS], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "BLIS_ARCH_DEBUG": "1"})
    except (OSError, subprocess.SubprocessError):
        return found
    text = out.stdout + out.stderr
    named = re.search(r"sub-configuration '([^']+)'", text)
    blas = [line for line in out.stdout.splitlines() if line.startswith("[")]
    if named:
        found["blis"] = named.group(1)
    if blas:
        found["numpy"] = ", ".join(json.loads(blas[-1])) or "unknown"
    return found


def fresh_process(script: str, **values) -> dict:
    """Run ``script`` (formatted with ``values``) in a new Python process; what it printed last,
    as JSON."""
    import json
    import subprocess

    code = script.format(lib=str(ROOT / "lib"), own_peak=OWN_PEAK, **values)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def end_to_end(folder: Path, workers: int | None) -> dict:
    """Load and analyse in a fresh process: its time and its own peak memory (with workers)."""
    return fresh_process(END_TO_END, folder=str(folder), workers=workers)


ARCHIVE = """
import json, resource, sys, time
sys.path.insert(0, {lib!r})
import newsvoices as nv
{own_peak}
start = time.perf_counter()
run = nv.analyse_archive({folder!r}, {out!r}, nv.ActorRegistry(), workers={workers!r}, progress=False)
print(json.dumps({{"seconds": time.perf_counter() - start,
                  "caller_mb": own_peak_mb(),
                  "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "statements": int(run.parts["statements"].sum())}}))
"""


def print_end_to_end(fresh: dict, size: int, mb: float) -> float:
    """Print the line of an end-to-end run (:func:`end_to_end`); return its seconds."""
    seconds = fresh["load"] + fresh["analyse"]
    print(f"  {'end to end (fresh process)':<28} {seconds:8.2f} s  {size / seconds:9.1f} articles/s  "
          f"{mb / seconds:6.2f} MB/s  peak {fresh['peak_mb']:.0f} MB  ({fresh['statements']:,} statements)", flush=True)
    return seconds


def archive(folder: Path, out: Path, workers: int | None) -> dict:
    """``analyse_archive`` in a fresh process: its time, the caller's peak memory and the
    largest worker's."""
    result = fresh_process(ARCHIVE, folder=str(folder), out=str(out), workers=workers)
    shutil.rmtree(out, ignore_errors=True)
    return result


def timed(label: str, fn, n: int, mb: float, rows: list) -> object:
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    rows.append((label, n, mb, seconds))
    print(f"  {label:<28} {seconds:8.2f} s  {n / seconds:9.1f} articles/s  {mb / seconds:6.2f} MB/s", flush=True)
    return result


def build_report(folder: Path, work: Path) -> float:
    """Render every notebook on ``folder`` with the analysis already cached; seconds taken."""
    import subprocess

    env = {**os.environ, "NEWSVOICES_CACHE": str(work / "cache"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "lib"), os.environ.get("PYTHONPATH", "")])}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsvoices", "report", "--corpus", str(folder), "--out",
                    str(work / "report")], check=True, env=env, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


PLAIN_SPACY = """
import json, os, sys, time
if {same_products!r}:
    os.environ["OPENBLAS_NUM_THREADS"] = "1"  # one BLAS thread per process, as the library runs it
sys.path.insert(0, {lib!r})
from pathlib import Path
from newsvoices.nlp import load_pipeline, pipeline_name
import spacy
# the whole pipeline: tagger, parser, NER, lemmatizer, ...; spaCy's own matrix library (blis), or
# numpy's BLAS as the library loads it (every component kept: load_pipeline leaves out the disabled senter)
nlp = load_pipeline() if {same_products!r} else spacy.load(pipeline_name())
texts = [p.read_text(encoding="utf-8") for p in sorted(Path({folder!r}).glob("*.txt"))]
list(nlp.pipe(texts[:4]))
start = time.perf_counter()
for doc in nlp.pipe(texts, n_process={workers}, batch_size=32):
    pass
print(json.dumps({{"seconds": time.perf_counter() - start, "articles": len(texts)}}))
"""


ATTRIBUTION_ONLY = """
import json, multiprocessing, sys, time
sys.path.insert(0, {lib!r})
import newsvoices as nv
from newsvoices.attribution import analyse_article, statement_rows
from newsvoices.nlp import load_pipeline
from newsvoices.parse import parse_articles, release
from newsvoices.pipeline import chunks
registry = nv.ActorRegistry()
def attribute(part):
    rows = 0
    for article, doc in zip(part, parse_articles(part, triggers=registry.cues.trigger)):
        rows += len(statement_rows(analyse_article(article, doc, registry)))
        release(doc)  # as the pipeline does
    return rows
start = time.perf_counter()
corpus = nv.load_corpus({folder!r}, cache=False, progress=False)
load_pipeline()
with multiprocessing.get_context("fork").Pool({workers}) as pool:
    rows = sum(pool.imap_unordered(attribute, chunks(corpus.articles)))
print(json.dumps({{"seconds": time.perf_counter() - start, "rows": rows}}))
"""


def attribution_only(folder: Path, workers: int) -> float:
    """Seconds that loading the articles and the attribution step alone (parse and statements,
    what issue 22 built) take on ``workers`` processes, in a fresh process: the part of the
    end-to-end run that the plain spaCy run stands for, without the tone of issue 23."""
    return fresh_process(ATTRIBUTION_ONLY, folder=str(folder), workers=workers)["seconds"]


def plain_spacy(folder: Path, workers: int, same_products: bool = False) -> float:
    """Seconds a plain spaCy run takes on the articles of ``folder``, in a fresh process; with
    ``same_products``, its matrix products through numpy's BLAS on one thread per process, as
    the library runs them (:mod:`newsvoices.nlp`), so that what parsing less buys shows apart."""
    return fresh_process(PLAIN_SPACY, folder=str(folder), workers=workers, same_products=same_products)["seconds"]


OPEN_CACHED = """
import json, os, sys, time
sys.path.insert(0, {lib!r})
os.environ["NEWSVOICES_CACHE"] = {cache!r}
start = time.perf_counter()
import newsvoices as nv
corpus = nv.load_corpus({folder!r}, progress=False)
result = nv.analyse(corpus, nv.ActorRegistry(), progress=False)
print(json.dumps({{"seconds": time.perf_counter() - start, "from_cache": result.from_cache}}))
"""


def renamed(pool: list[str]) -> Callable[[int], str]:
    """``paragraph(k)``: the k-th paragraph of an endless text made from ``pool``, each pass over
    it with new names: a capitalised word that is not a country, a nationality or a word the
    pool also writes in lower case ("Minister", "The") gets a suffix of the pass number
    ("Rouhani" → "Rouhanid" on the second pass), and a sentence that ends in a lower-case word
    gets " on day n". Few sentences repeat (7 in 100 over 1 MB), so the article scores nearly every text anew,
    and the text keeps meeting new people, as a long file of many articles would."""
    import re

    from newsvoices.actors import gazetteer

    gaz = gazetteer()
    lower = {w for p in pool for w in re.findall(r"\b[a-z]{3,}\b", p)}
    keep = {w for p in pool for w in re.findall(r"\b[A-Z][a-z]{2,}\b", p)
            if w.lower() in lower or gaz.country_of(w) or w in gaz.adjectives}
    name = re.compile(r"\b[A-Z][a-z]{2,}\b")
    full_stop = re.compile(r"(?<=[a-z])\.(?=\s|$)")

    def paragraph(k: int) -> str:
        n = k // len(pool)
        if n == 0:
            return pool[k]
        suffix = "".join("bdgklmnprstvz"[int(d)] for d in str(n))
        text = name.sub(lambda m: m.group() if m.group() in keep else m.group() + suffix, pool[k % len(pool)])
        return full_stop.sub(f" on day {n}.", text)  # and sentences without a name differ too

    return paragraph


def long_articles(sizes_mb: list[float], pool: list[str]) -> None:
    """One article per size, written on a single line (a page whose paragraph breaks were
    lost), loaded and analysed in one process: how the cost per MB grows with the size.
    The text goes through the pool again and again with new names (see :func:`renamed`)."""
    import newsvoices as nv

    print("\nlong articles on one line (paragraph breaks lost), 1 core")
    print(f"  {'MB':>6} {'seconds':>9} {'s per MB':>9} {'statements':>11}")
    warm = nv.Corpus([nv.Article.from_text("warm", "\n\n".join(pool[:20]))])  # lexicons loaded before timing
    nv.analyse(warm, nv.ActorRegistry(), scheduler="serial", cache=False, progress=False)
    paragraph = renamed(pool)
    for mb in sizes_mb:
        parts, size, k = [], 0, 0
        while size < mb * 1e6:
            parts.append(paragraph(k))
            size += len(parts[-1]) + 1
            k += 1
        text = " ".join(parts)
        start = time.perf_counter()
        corpus = nv.Corpus([nv.Article.from_text("long", text)])
        result = nv.analyse(corpus, nv.ActorRegistry(), scheduler="serial", cache=False, progress=False)
        seconds = time.perf_counter() - start
        real_mb = len(text.encode("utf-8")) / 1e6
        print(f"  {real_mb:>6.1f} {seconds:>9.1f} {seconds / real_mb:>9.1f} {len(result.statements):>11,}", flush=True)


def attribution_table(corpus):
    """The statements of ``corpus`` from the attribution step alone, in this process (what
    ``nv.statements`` gives without the rest of the pipeline)."""
    import pandas as pd

    import newsvoices as nv
    from newsvoices.attribution import analyse_article, statement_rows
    from newsvoices.parse import parse_articles
    from newsvoices.records import STATEMENT_COLUMNS

    registry = nv.ActorRegistry()
    articles = list(corpus)
    docs = parse_articles(articles)
    rows = [row for article, doc in zip(articles, docs) for row in statement_rows(analyse_article(article, doc, registry))]
    return pd.DataFrame(rows, columns=STATEMENT_COLUMNS)


def run(size: int, args, pool: list[str], work: Path) -> dict:
    import newsvoices as nv

    folder = work / f"corpus_{size}"
    mb = build_corpus(folder, size, args.kb, pool)
    print(f"\n{size:,} articles, {mb:.1f} MB (about {mb * 1000 / size:.1f} KB each)")
    rows: list = []
    base = None
    workers = args.workers or os.cpu_count() or 1
    if size == min(args.sizes):  # plain spaCy and the library in turn, twice each, as conditions drift
        base = {"articles": size, "mb": mb, "seconds": [plain_spacy(folder, workers)]}
    fresh = end_to_end(folder, args.workers)
    seconds = print_end_to_end(fresh, size, mb)
    if base is not None:
        base["ours"] = [seconds]
        base["attribution"] = attribution_only(folder, workers)
        base["seconds"].append(plain_spacy(folder, workers))
        again = end_to_end(folder, args.workers)
        base["ours"].append(print_end_to_end(again, size, mb))
        base["same_products"] = plain_spacy(folder, workers, same_products=True)
        peak = max(fresh["peak_mb"], again["peak_mb"])  # the memory target reads the higher of the two
        if base["ours"][1] < seconds:
            fresh, seconds = again, base["ours"][1]  # the scaling curve takes the better run
        fresh["peak_mb"] = peak
    parts = archive(folder, work / "archive", args.workers)
    print(f"  {'archive (tasks read, write)':<28} {parts['seconds']:8.2f} s  {size / parts['seconds']:9.1f} articles/s  "
          f"{mb / parts['seconds']:6.2f} MB/s  peak: caller {parts['caller_mb']:.0f} MB, a worker "
          f"{parts['worker_mb']:.0f} MB  ({parts['statements']:,} statement rows)", flush=True)
    corpus = timed("load + sentences", lambda: nv.load_corpus(folder, cache=False, progress=False), size, mb, rows)
    if not args.end_to_end_only:
        timed("word counts (1 core)", lambda: nv.term_frequencies(corpus, by="article"), size, mb, rows)
        table = timed("attribution (1 core)", lambda: attribution_table(corpus), size, mb, rows)
        timed("tone scores (1 core)", lambda: nv.score_statements(table), size, mb, rows)
    os.environ["NEWSVOICES_CACHE"] = str(work / "cache")
    timed("analyse, writing the cache", lambda: nv.analyse(corpus, nv.ActorRegistry(), workers=args.workers,
                                                           progress=False), size, mb, rows)
    timed("analyse, cache warm", lambda: nv.analyse(corpus, nv.ActorRegistry(), progress=False), size, mb, rows)
    opened = fresh_process(OPEN_CACHED, folder=str(folder), cache=str(work / "cache"))
    print(f"  {'open cached (fresh process)':<28} {opened['seconds']:8.2f} s  (load_corpus + analyse, from the "
          f"cache: {opened['from_cache']})", flush=True)
    report_seconds = None
    if args.report and size == max(args.sizes):
        report_seconds = build_report(folder, work)
        print(f"  {'report: all notebooks, warm':<28} {report_seconds:8.2f} s", flush=True)
    end_to_end_seconds = seconds
    shutil.rmtree(folder, ignore_errors=True)
    return {"size": size, "mb": mb, "end_to_end": end_to_end_seconds, "peak": fresh["peak_mb"], "rows": rows,
            "report": report_seconds, "baseline": base, "open": opened["seconds"]}


def curve_point(size: int, args, pool: list[str], work: Path) -> dict:
    """One more point of the scaling curve: a corpus of ``size`` articles, end to end only."""
    folder = work / f"corpus_{size}"
    mb = build_corpus(folder, size, args.kb, pool)
    fresh = end_to_end(folder, args.workers)
    print(f"\n{size:,} articles, {mb:.1f} MB, for the scaling curve only")
    seconds = print_end_to_end(fresh, size, mb)
    shutil.rmtree(folder, ignore_errors=True)
    return {"size": size, "mb": mb, "end_to_end": seconds, "peak": fresh["peak_mb"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="corpus sizes (articles) measured in full")
    parser.add_argument("--curve", type=int, nargs="*", default=None,
                        help="more sizes timed end to end only, for the scaling curve (default: 2000 and 5000, "
                             "those below the largest of --sizes; none: skip)")
    parser.add_argument("--kb", type=float, default=4.0, help="approximate article size in KB (default 4)")
    parser.add_argument("--source", type=Path, action="append", default=[], help="more article folders to draw from")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--end-to-end-only", action="store_true", help="skip the single-core stage timings")
    parser.add_argument("--long-mb", type=float, nargs="*", default=[1, 4],
                        help="sizes (MB) of the one-line articles timed after the corpora (none: skip)")
    parser.add_argument("--no-report", dest="report", action="store_false",
                        help="skip rendering the notebooks on the largest corpus")
    args = parser.parse_args(argv)
    if args.curve is None:
        args.curve = [size for size in (2000, 5000) if size < max(args.sizes)]
    if min(args.sizes + args.curve) < 1:
        parser.error("--sizes and --curve take sizes of at least 1 article")

    sys.path.insert(0, str(ROOT / "lib"))
    folders = [POLNEAR, ROOT / "seeds", ROOT / "tests/data/extra", ROOT / "tests/data/heldout",
               ROOT / "tests/data/blind", *args.source]
    pool = paragraphs([f for f in folders if f.is_dir()])
    print(f"newsvoices benchmark on {os.cpu_count()} cores; paragraph pool: {len(pool)} paragraphs "
          f"from {len(folders)} folders")
    found = kernels()
    print(f"matrix kernels: numpy's BLAS {found['numpy']} (the library's layers); blis '{found['blis']}' "
          f"(spaCy's own layers in the plain run, and the parser's step loop on both sides)"
          + ("  -- blis runs its plain C kernels on this CPU: the plain run is slower than on a CPU it "
             "knows, which raises the ratio" if found["blis"] == "generic" else ""))
    work = Path(tempfile.mkdtemp(prefix="newsvoices-bench-"))
    results = []
    try:
        for size in dict.fromkeys(args.sizes):  # each size once
            results.append(run(size, args, pool, work))
        curve = [curve_point(size, args, pool, work) for size in dict.fromkeys(args.curve) if size not in args.sizes]
        largest = max(results, key=lambda r: r["size"])
        base = min(results, key=lambda r: r["size"])["baseline"]
        print(f"\nplain spaCy run (whole pipeline, every sentence, n_process={args.workers or os.cpu_count()}) on the "
              f"same {base['articles']:,} articles, {base['mb']:.1f} MB, each just before one of the two end-to-end runs")
        for when, seconds in zip(("first", "second"), base["seconds"]):
            print(f"  plain spaCy, {when:<15} {seconds:8.2f} s  {base['articles'] / seconds:9.1f} articles/s  "
                  f"{base['mb'] / seconds:6.2f} MB/s")
        seconds = base["same_products"]
        print(f"  the same with the library's matrix products (numpy's BLAS, one thread a process) "
              f"{seconds:8.2f} s  {base['articles'] / seconds:9.1f} articles/s")
        if args.long_mb:
            long_articles(args.long_mb, pool)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("\nscaling (end to end in a fresh process: load + analyse on all cores, no cache)")
    print(f"  {'articles':>9} {'MB':>7} {'seconds':>9} {'MB/s':>7} {'s per 1,000 articles':>22} {'peak MB':>8}")
    for r in sorted(results + curve, key=lambda r: r["size"]):
        print(f"  {r['size']:>9,} {r['mb']:>7.1f} {r['end_to_end']:>9.2f} {r['mb'] / r['end_to_end']:>7.2f} "
              f"{1000 * r['end_to_end'] / r['size']:>22.2f} {r['peak']:>8.0f}")
    peak = largest["peak"]
    print("\ntargets")
    ours, plain = min(base["ours"]), min(base["seconds"])
    ratio = plain / ours  # the best of each, as timeit reads repeated timings: slower runs are other load
    mean = (sum(base["seconds"]) / len(base["seconds"])) / (sum(base["ours"]) / len(base["ours"]))
    pairs = ", ".join(f"{p / o:.2f}x" for p, o in zip(base["seconds"], base["ours"]))
    print(f"  ≥ {TARGET_RATIO:.0f}x the throughput of the plain spaCy run (same {base['articles']:,} articles; end to "
          f"end {' and '.join(f'{o:.1f}' for o in base['ours'])} s, plain "
          f"{' and '.join(f'{p:.1f}' for p in base['seconds'])} s): {ratio:.2f}x best against best "
          f"({mean:.2f}x mean against mean; each run against the plain run before it: {pairs})  "
          f"{'met' if ratio >= TARGET_RATIO else 'NOT met'}"
          + (" (with blis on its generic kernels: see the matrix kernels line)" if found["blis"] == "generic" else ""))
    alone = plain / base["attribution"]
    print(f"    (not the target, for what it costs: the attribution step alone, load + parse + statements on the "
          f"same cores, {base['attribution']:.1f} s: {alone:.2f}x; the rest of the end to end is the tone, word "
          f"counts and tables)")
    print(f"    (nor this: against the plain run given the library's matrix products, "
          f"{base['same_products']:.1f} s: {base['same_products'] / ours:.2f}x end to end; what parsing only "
          f"the chosen sentences with tok2vec, tagger and parser buys, apart from the faster products)")
    print(f"  peak memory < {TARGET_PEAK_MB} MB (end to end): {peak:.0f} MB  "
          f"{'met' if peak < TARGET_PEAK_MB else 'NOT met'}")
    opened = max(r["open"] for r in results)
    print(f"  a cached analysis opened in seconds (< {TARGET_OPEN_S} s, largest corpus, fresh process): {opened:.1f} s  "
          f"{'met' if opened < TARGET_OPEN_S else 'NOT met'}")
    if largest["report"] is not None:
        met = largest["report"] < TARGET_REPORT_S
        print(f"  all notebooks rendered, cache warm, < {TARGET_REPORT_S} s: {largest['report']:.0f} s  "
              f"{'met' if met else 'NOT met'}")
    print(f"  (this process, which also ran the single-core stages, peaked at {peak_mb():.0f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
