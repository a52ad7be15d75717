"""Full-text search over the course: topics, concepts, resources and notebooks, in every language.

The index is an inverted map from tokens to the documents (and the field) they occur in. It is
built once per course and kept in the cache folder next to the cached course, keyed by the
course's fingerprint, so a query only tokenizes itself and reads a few posting lists.

Tokens: text is NFKC-normalized and case-folded; Latin words are split on anything that is not
a letter or digit (so `fine-tuning`, `fine tuning` and `finetuning` all match: two neighbouring
words are also indexed joined), lightly stemmed (plurals, British `-isation`). Chinese has no
spaces, so CJK runs are indexed as character bigrams, and single characters for one-character
queries. Chinese text is also indexed in its Simplified and mainland forms (converted with
OpenCC when the index is built, never at query time), so `神经网络` finds what `神經網路` finds.
A query word matches a token exactly, as a prefix, or — only when neither finds it, and only
then is rapidfuzz imported — as a close spelling. The field's abbreviations expand both ways
(RAG <-> retrieval augmented generation), and topics' keywords are indexed as a field.

Ranking: each query term scores its best field in a document (title > concept name > keywords >
summary > author), times its match quality (exact > prefix > typo) and its rarity; a document's
score is the sum over terms times the share of terms it matched, with a bonus when the whole
query is the title. Topics are preferred over their own resources at equal match.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal, cast

from llmcourse.course.model import Course, Localized
from llmcourse.course.text import glossary_file, is_cjk, norm, simplified_forms
from llmcourse.record import Record

INDEX_FORMAT = 10
HitKind = Literal["topic", "concept", "resource", "notebook"]
KINDS: tuple[HitKind, ...] = ("topic", "concept", "resource", "notebook")

# Field weights: what a match in each field is worth.
FIELDS: dict[str, float] = {
    "title": 10.0,
    "concept": 7.0,  # a concept's name (in its own hit, and in its topic's)
    "keyword": 6.0,
    "id": 5.0,
    "summary": 2.0,
    "link": 2.0,  # titles of links standing in the text
    "author": 1.5,
}
_KIND_PRIOR: dict[str, float] = {"topic": 1.15, "concept": 1.0, "notebook": 0.97, "resource": 0.95}

_OWN_TITLE = {"topic": "title", "concept": "concept", "resource": "title", "notebook": "title"}

EXACT, PREFIX = 1.0, 0.7  # match quality; a typo scores below PREFIX (see Searcher._candidates)

# The field's abbreviations, expanded both ways. Keys are normalized (see `norm`).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "rag": ("retrieval augmented generation",),
    "sft": ("supervised fine tuning",),
    "rlhf": ("reinforcement learning from human feedback",),
    "rlaif": ("reinforcement learning from ai feedback",),
    "dpo": ("direct preference optimization",),
    "ppo": ("proximal policy optimization",),
    "moe": ("mixture of experts",),
    "kv": ("key value",),
    "gqa": ("grouped query attention",),
    "mqa": ("multi query attention",),
    "peft": ("parameter efficient fine tuning",),
    "lora": ("low rank adaptation",),
    "qlora": ("quantized low rank adaptation", "quantized lora"),
    "nlp": ("natural language processing",),
    "rnn": ("recurrent neural network",),
    "lstm": ("long short term memory",),
    "mlp": ("multilayer perceptron", "multi layer perceptron"),
    "awq": ("activation aware weight quantization",),
    "gguf": ("gpt generated unified format",),
    "gptq": ("generative pre trained transformer quantization",),
    "llm": ("large language model",),
    "llms": ("large language models",),
    "cot": ("chain of thought",),
    "ml": ("machine learning",),
    "dl": ("deep learning",),
    "nn": ("neural network",),
    "cnn": ("convolutional neural network",),
    "rope": ("rotary position embedding", "rotary positional embedding"),
    "pca": ("principal component analysis",),
    "tfidf": ("term frequency inverse document frequency",),
    "vlm": ("vision language model",),
    "hf": ("hugging face",),
    "api": ("application programming interface",),
    "clm": ("causal language modeling",),
    "mlm": ("masked language modeling",),
    "hpc": ("high performance computing",),
    "vram": ("gpu memory",),
}

_STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in", "into",
     "is", "it", "me", "of", "on", "or", "the", "to", "what", "with", "about", "do", "does",
     "which", "why", "my", "your", "use", "using",
     # Everyday words that would match any summary ("attention is all you need"); dropped
     # only when the query has other words.
     "all", "you", "need", "needs", "we", "our", "us", "they", "this", "that", "these",
     "those", "there", "can", "will", "would", "should", "could", "not", "no", "get", "have",
     "has", "had", "was", "were", "been", "being", "just", "only", "some", "any", "very",
     "so", "than", "then", "also", "but", "if", "its", "it's", "want", "make", "when", "where",
     "的", "是", "和", "與", "与", "在", "如何", "什麼", "什么"}
)  # fmt: skip

# Stripped from the ends of a word shown in "matched:" (ASCII and full-width).
_PUNCTUATION = "()[],.:;!?'\"，。、：；！？（）「」『』【】〈〉《》…"

# British -ise spellings of the field's words, spelt -ize as the course does.
_BRITISH = re.compile(
    r"^(.+i)s(?=ations?$)|^(tokeni|quanti|optimi|normali|regulari|visuali|speciali|summari|"
    r"customi|initiali|generali|utili|organi|recogni|reali|minimi|maximi)s(?=(?:e|ed|es|ing|er|ers)$)"
)


def stem(word: str) -> str:
    """A very light English stemmer: enough for plurals and British spellings."""
    if not word.isascii() or len(word) <= 3 or word.isdigit():
        return word
    word = _BRITISH.sub(lambda m: (m.group(1) or m.group(2)) + "z", word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        return word[:-1]
    return word


def _segments(text: str) -> Iterator[tuple[bool, str]]:
    """(is_cjk, run) pieces of normalized text."""
    for word in norm(text).split():
        run, cjk = "", None
        for ch in word:
            c = is_cjk(ch)
            if cjk is not None and c != cjk:
                yield cjk, run
                run = ""
            run += ch
            cjk = c
        if run:
            yield bool(cjk), run


def tokens(text: str) -> list[str]:
    """Index tokens: stemmed words, neighbouring words joined, CJK bigrams and characters."""
    out: list[str] = []
    prev: str | None = None
    for cjk, run in _segments(text):
        if cjk:
            out.extend(run)  # single characters, for one-character queries
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
            prev = None
            continue
        word = stem(run)
        out.append(word)
        if prev is not None:
            out.append(stem(prev + run))  # "fine tuning" also indexes "finetuning"
        prev = run
    return out


# --- the index ---------------------------------------------------------------------------

_FIELD_CODES = tuple(FIELDS)  # a posting packs (doc << 3) | field code


class Index(Record):
    """Plain builtins only, so that it is stored and read back with `marshal`, quickly: every
    posting list lives in one bytes blob, so reading the index copies one block of memory
    rather than making an object per token."""

    _fields = ("docs", "vocab", "starts", "postings", "display")

    def __init__(
        self,
        docs: list[tuple[str, str, str, str]],
        vocab: list[str],
        starts: array[int],
        postings: bytes | memoryview,
        display: dict[str, str] | None = None,
    ) -> None:
        # (kind, id, topic_id, its titles squashed and normalized, separated by \x1e: for the
        # bonus when the whole query is the title)
        self.docs = docs
        self.vocab = vocab  # sorted tokens, for prefix and typo look-ups
        # The posting list of vocab[i] is postings[starts[i]:starts[i + 1]] (in 4-byte units):
        # an array("I") of sorted (doc << 3 | field code), the best field per doc.
        self.starts = starts
        self.postings = postings
        self.display = {} if display is None else display  # token -> the word as written
        self._where: dict[str, int] | None = None
        self._arrays: dict[str, array[int]] = {}

    def _slot(self, token: str) -> int | None:
        if self._where is None:
            self._where = {tok: i for i, tok in enumerate(self.vocab)}
        return self._where.get(token)

    def __contains__(self, token: str) -> bool:
        return self._slot(token) is not None

    def posting(self, token: str) -> array[int]:
        found = self._arrays.get(token)
        if found is None:
            i = self._slot(token)
            found = self._arrays[token] = array("I")
            if i is not None:
                found.frombytes(self.postings[4 * self.starts[i] : 4 * self.starts[i + 1]])
        return found

    def df(self, token: str) -> int:
        """How many documents hold the token."""
        i = self._slot(token)
        return 0 if i is None else self.starts[i + 1] - self.starts[i]

    def dumps(self) -> bytes:
        # The documents go as four columns of lines: one string each reads back far faster
        # than tens of thousands of small tuples.
        # The posting lists follow the rest as raw bytes, so that reading them back is a view
        # into the file's buffer rather than a copy.
        columns = tuple("\n".join(col) for col in zip(*self.docs, strict=True)) or ("",) * 4
        head = marshal.dumps((columns, self.vocab, self.starts.tobytes(), self.display))
        return len(head).to_bytes(8, "big") + head + bytes(self.postings)

    @classmethod
    def loads(cls, blob: bytes | memoryview) -> Index:
        size = int.from_bytes(blob[:8], "big")
        columns, vocab, starts, display = marshal.loads(blob[8 : 8 + size])
        postings = memoryview(blob)[8 + size :]
        docs = list(zip(*(col.split("\n") for col in columns), strict=True)) if columns[0] else []
        offsets = array("I")
        offsets.frombytes(starts)
        return cls(docs, vocab, offsets, postings, display)


def _squash(text: str) -> str:
    return norm(text).replace(" ", "")


def build_index(course: Course) -> Index:
    docs: list[tuple[str, str, str, str]] = []
    best: dict[str, dict[int, int]] = {}
    display: dict[str, str] = {}

    def add(kind: str, id_: str, topic_id: str, title: Localized,
            fields: Iterable[tuple[str, str]]) -> None:  # fmt: skip
        i = len(docs)
        titles = [*title.values(), *(f for t in title.values() for f in simplified_forms(t))]
        squashed = "\x1e".join(dict.fromkeys(_squash(t) for t in titles))
        docs.append((kind, id_, topic_id, squashed))
        for fname, text in fields:
            if not text:
                continue
            code = _FIELD_CODES.index(fname)
            # Simplified and mainland forms index under the same field as the text they
            # write differently, so a query in them needs no conversion.
            for tok in [t for form in (text, *simplified_forms(text)) for t in tokens(form)]:
                slot = best.setdefault(tok, {})
                if slot.get(i, 99) > code:
                    slot[i] = code
            for word in text.split():
                key = stem(_squash(word))
                if key and key not in display:
                    display[key] = word.strip(_PUNCTUATION)

    def loc(d: Localized, name: str) -> list[tuple[str, str]]:
        return [(name, text) for text in d.values()]

    for _, topic in course.iter_topics():
        add("topic", topic.id, topic.id, topic.title, [
            *loc(topic.title, "title"),
            ("id", topic.id.replace("-", " ")),
            *(("keyword", k) for k in topic.keywords),
            *(f for c in topic.concepts for f in loc(c.name, "concept")),
            *loc(topic.summary, "summary"),
        ])  # fmt: skip
        for c in topic.concepts:
            add("concept", f"{topic.id}/{c.id}", topic.id, c.name, [
                *loc(c.name, "concept"),
                *loc(c.summary, "summary"),
                *(("link", link.title) for link in c.links),
            ])  # fmt: skip
        for r in topic.resources:
            add("resource", r.id, topic.id, r.title, [
                *loc(r.title, "title"),
                ("author", r.author or ""),
                *loc(r.summary, "summary"),
                *(("link", link.title) for link in r.links),
            ])  # fmt: skip
    for nb in course.notebooks:
        add("notebook", nb.id, nb.topics[0] if nb.topics else "", nb.title,
            [*loc(nb.title, "title"), *loc(nb.summary, "summary")])  # fmt: skip
    vocab = sorted(best)
    starts = array("I", [0])
    postings = array("I")
    for tok in vocab:
        postings.extend(sorted((d << 3) | code for d, code in best[tok].items()))
        starts.append(len(postings))
    return Index(docs, vocab, starts, postings.tobytes(), display)


def load_index(course: Course, cache_dir: Path | None) -> Index:
    """The course's index: from the cache when it was built for this very course (same
    source fingerprint), else built and cached, best effort."""
    from llmcourse.course.cache import read_blob, write_blob

    if cache_dir is None or not course.fingerprint:
        return build_index(course)
    # The glossary decides the mainland forms indexed: a new one means a new index.
    try:
        glossary = glossary_file().read_bytes()
    except OSError:
        glossary = b""
    key = hashlib.sha256(f"{INDEX_FORMAT}|{course.fingerprint}|".encode() + glossary).digest()
    file = cache_dir / f"search-{hashlib.sha256(course.origin.encode()).hexdigest()[:16]}.bin"
    payload = read_blob(file, key)
    if payload is not None:
        try:
            return Index.loads(payload)
        except Exception:  # written by another version of the format: rebuild
            pass
    index = build_index(course)
    write_blob(file, key, index.dumps())
    return index


# --- queries -----------------------------------------------------------------------------


class Hit(Record):
    _fields = ("kind", "id", "topic_id", "score", "why")

    def __init__(
        self, kind: HitKind, id: str, topic_id: str, score: float, why: tuple[str, ...]
    ) -> None:
        self.kind = kind
        self.id = id  # a concept's id is "topic-id/concept-id"
        self.topic_id = topic_id  # the topic it belongs to (a topic's own id)
        self.score = score
        self.why = why  # what matched: "title: quantization", "keyword: GPTQ", ...


def _query_terms(q: str) -> list[str]:
    """The query's words as index tokens (CJK as bigrams, or one character alone)."""
    out: list[str] = []
    for cjk, run in _segments(q):
        if cjk:
            out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
        else:
            out.append(stem(run))
    content = [t for t in out if t not in _STOPWORDS]
    return list(dict.fromkeys(content or out))


def _variants(q: str) -> list[tuple[str, float, str]]:
    """The query and its abbreviation expansions, both ways: (text, weight, note)."""
    nq = norm(q)
    out = [(nq, 1.0, "")]
    words = nq.split()
    squashed = nq.replace(" ", "")
    for abbr, longs in ABBREVIATIONS.items():
        for long in longs:
            if abbr in words:
                text = " ".join(long if w == abbr else w for w in words)
                out.append((text, 0.9, f"{abbr.upper()} = {long}"))
            if squashed == long.replace(" ", ""):
                out.append((abbr, 0.9, f"{long} = {abbr.upper()}"))
            elif f" {long} " in f" {nq} ":
                out.append((f" {nq} ".replace(f" {long} ", f" {abbr} ").strip(), 0.9,
                            f"{long} = {abbr.upper()}"))  # fmt: skip
    seen: set[str] = set()
    unique = []
    for v in out:
        if v[0] not in seen:
            seen.add(v[0])
            unique.append(v)
    return unique


def _joined_notes(terms: list[str], fields: list[str], notes: list[str]) -> list[str]:
    """What matched, with neighbouring CJK bigrams found in the same field read as the run
    they come from: "title: 檢索增強生成", not "title: 檢索; title: 索增; …"."""
    out: list[str] = []
    run = ""  # the CJK run the last note spells, when it can go on
    for term, fname, note in zip(terms, fields, notes, strict=True):
        bigram = len(term) == 2 and is_cjk(term[0]) and note == f"{fname}: {term}"
        if bigram and run and out[-1] == f"{fname}: {run}" and run.endswith(term[0]):
            run += term[1]
            out[-1] = f"{fname}: {run}"
            continue
        run = term if bigram else ""
        if note:
            out.append(note)
    return out


class _DocTerms:
    """One document's best match for each query term: its score, field and note."""

    __slots__ = ("fields", "notes", "scores")

    def __init__(self, scores: list[float], fields: list[str], notes: list[str]) -> None:
        self.scores = scores
        self.fields = fields
        self.notes = notes

    @classmethod
    def empty(cls, n_terms: int) -> _DocTerms:
        return cls([0.0] * n_terms, [""] * n_terms, [""] * n_terms)


class Searcher:
    """Queries over one index (remembers typo look-ups between the forms of a query)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self._fuzzy_cache: dict[str, list[tuple[str, float]]] = {}
        # Typos are looked for in the learner's own words only, not in the expansions of an
        # abbreviation (a word an expansion brings that the course lacks is no typo).
        self._typos = True

    def _candidates(self, term: str) -> list[tuple[str, float, str]]:
        """Index tokens standing for a query term: (token, quality, how)."""
        idx = self.index
        out: list[tuple[str, float, str]] = []
        if term in idx:
            out.append((term, EXACT, "exact"))
        latin = not is_cjk(term[0])
        if len(term) >= 3 and latin:
            i = bisect_left(idx.vocab, term)
            while i < len(idx.vocab) and idx.vocab[i].startswith(term):
                tok = idx.vocab[i]
                if tok != term:  # a longer word scores a little less the more it adds
                    out.append((tok, PREFIX * (0.85 + 0.15 * len(term) / len(tok)), "prefix"))
                i += 1
        if not out and self._typos and len(term) >= 4 and latin and not term.isdigit():
            out.extend((tok, 0.65 * score, "typo") for tok, score in self._fuzzy(term))
        return out

    def _fuzzy(self, term: str) -> list[tuple[str, float]]:
        if term not in self._fuzzy_cache:
            from rapidfuzz import fuzz, process

            cutoff = 80 if len(term) >= 6 else 75
            words = [w for w in self.index.vocab
                     if abs(len(w) - len(term)) <= 3 and not is_cjk(w[0])]  # fmt: skip
            found = process.extract(term, words, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
            self._fuzzy_cache[term] = [(w, s / 100) for w, s, _ in found]
        return self._fuzzy_cache[term]

    def _score(self, text: str) -> dict[int, tuple[float, list[str]]]:
        """doc -> (score, why) for one form of the query."""
        terms = _query_terms(text)
        if not terms:
            return {}
        per_doc: dict[int, _DocTerms] = {}
        for ti, term in enumerate(terms):
            if candidates := self._candidates(term):
                self._match_term(
                    ti, len(terms), candidates, self._rarity(term, candidates), per_doc
                )
        whole = text.replace(" ", "")
        return {
            d: (self._doc_score(d, whole, doc), _joined_notes(terms, doc.fields, doc.notes))
            for d, doc in per_doc.items()
        }

    def _rarity(self, term: str, candidates: list[tuple[str, float, str]]) -> float:
        """How rare the term is: by its own postings when it occurs as typed, else by its most
        common stand-in (so that a rare longer word never outranks the exact one)."""
        idx = self.index
        df = idx.df(term) if term in idx else 0
        df = df or max(idx.df(tok) for tok, _, _ in candidates)
        return 1.0 + math.log(max(len(idx.docs), 1) / df) / 4

    def _match_term(
        self,
        ti: int,
        n_terms: int,
        candidates: list[tuple[str, float, str]],
        rarity: float,
        per_doc: dict[int, _DocTerms],
    ) -> None:
        """Record, in each document holding one of its candidates, term `ti`'s best match."""
        idx = self.index
        for tok, quality, how in candidates:
            note = idx.display.get(tok, tok) + ("" if how == "exact" else f" ({how})")
            for packed in idx.posting(tok):
                d, fname = packed >> 3, _FIELD_CODES[packed & 7]
                s = FIELDS[fname] * quality * rarity
                doc = per_doc.get(d)
                if doc is None:
                    doc = per_doc[d] = _DocTerms.empty(n_terms)
                if s > doc.scores[ti]:
                    doc.scores[ti] = s
                    doc.fields[ti] = fname
                    doc.notes[ti] = f"{fname}: {note}"

    def _doc_score(self, d: int, whole: str, doc: _DocTerms) -> float:
        """The terms' scores summed, times the share matched, with the title bonuses and the
        kind's prior. `whole`: the query without spaces."""
        matched = sum(1 for s in doc.scores if s > 0)
        score = sum(doc.scores) * (matched / len(doc.scores)) ** 2
        kind, _, _, titles = self.index.docs[d]
        if whole in titles.split("\x1e"):
            score *= 1.5  # the whole query is this title
        elif all(f == _OWN_TITLE[kind] for f in doc.fields):
            score *= 1.3  # every word is in this hit's own title
        return score * _KIND_PRIOR[kind]

    def search(self, query: str, limit: int = 20, kinds: Iterable[str] | None = None) -> list[Hit]:
        best: dict[int, tuple[float, list[str]]] = {}
        for i, (text, weight, note) in enumerate(_variants(query)):
            self._typos = i == 0
            for d, (score, why) in self._score(text).items():
                score *= weight
                if d not in best or score > best[d][0]:
                    best[d] = (score, [*why, note] if note else why)
        wanted = set(kinds) if kinds else None
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
        floor = ranked[0][1][0] * MIN_SHARE if ranked else 0.0
        hits: list[Hit] = []
        for d, (score, why) in ranked:
            kind, id_, topic_id, _ = self.index.docs[d]
            if (wanted and kind not in wanted) or score < floor:
                continue
            # The index keeps kinds as plain strings (marshal): the HitKinds it was built from.
            hit = Hit(
                cast(HitKind, kind), id_, topic_id, round(score, 2), tuple(dict.fromkeys(why))
            )
            hits.append(hit)
            if len(hits) >= limit:
                break
        return hits


MIN_SHARE = 0.08  # hits scoring under this share of the best one are noise


def search(
    index: Index, query: str, limit: int = 20, kinds: Iterable[str] | None = None
) -> list[Hit]:
    """Hits for `query`, best first."""
    return Searcher(index).search(query, limit, kinds)
