"""Deterministic wire-story test data: articles of any size, with claims on them.

``article(size, claims, seed)`` returns the same ``GeneratedArticle`` for the same
arguments on every machine and Python version (``random.Random`` seeded with a string).
The text depends only on ``size`` and ``seed``, so the 1 MB article is the same whether
it carries 1 or 10,000 claims. ``SIZES`` and ``CLAIM_COUNTS`` are the presets the
benchmarks use: 5 KB (a 600-word wire story) to 10 MB (a 300-page inquiry report).

The text reads like news-agency copy: a headline, a dated dateline, short paragraphs of
one to three sentences with titles, initials, abbreviations ("U.S.", "No. 4", "a.m."),
decimals, money, quotes with attribution, questions, parentheses, accented names and
now and then a character outside the Basic Multilingual Plane (a post quoted with an
emoji), so UTF-16 offsets differ from code points. Long texts are several stories one
after another under section headings. The generator knows where each sentence starts
and ends (it wrote them) and puts claims on whole sentences; past one claim per
sentence it adds claims on clauses inside sentences, which overlap the sentence's own.

Run ``python -m benchmarks.generate --size 1MB --claims 1000 --out story`` to write
``story.txt`` and ``story.claims.json``.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

SIZES: dict[str, int] = {"5KB": 5_000, "100KB": 100_000, "1MB": 1_000_000, "10MB": 10_000_000}
"""Preset article sizes, in characters (the text is nearly all ASCII, so about bytes)."""
CLAIM_COUNTS: tuple[int, ...] = (1, 100, 1_000, 10_000)
DEFAULT_SEED = 61125
LABELS: tuple[str, ...] = ("Allegation", "Confirmed", "Disputed", "False", "Misleading")
"""Label names claims get; the first two are the workbench's built-ins."""
LABEL_WEIGHTS = (50, 20, 12, 10, 8)
VERDICTS: tuple[str, ...] = ("", "True", "Mostly true", "Mixed", "Mostly false", "False")
STATUSES: tuple[str, ...] = ("open", "in review", "done")

# --- vocabulary -----------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST = _words(
    "Anna Maria Tomas Ines Helena Andrei Milan Zoë Jonas Farah Kofi Lucia Piotr Mei Rafael "
    "Sofia Emre Nadia Oskar Amara Dmitri Leila Mateo Ingrid Yusuf Clara Björn Aiko Tariq "
    "Elena Hugo Marta Rania Viktor Chloé Samuel Noor Paulo Greta Idris"
)
_LAST = _words(
    "Varek Brandt Dostal Kolar Marsh-Okafor Lindqvist Haddad Mensah Novak Ortega Ferreira "
    "Kowalski Nakamura Adeyemi Petrov Castillo Jensen O'Neill Rahimi Dubois Moreau Schulz "
    "Łukasiewicz Okonkwo Svensson Aydın Romero Fischer Tanaka Abebe Horvath Müller Silva "
    "Keller Mbeki Larsen Ivanova Quint Weber Alvarez"
)
_TITLES = (
    "Gen.",
    "Dr.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Prof.",
    "Col.",
    "Lt. Col.",
    "Mr.",
    "Ms.",
    "Adm.",
    "Supt.",
)
_ROLES = (
    "Deputy Defence Minister",
    "Health Minister",
    "Finance Minister",
    "the mayor of {city}",
    "a spokesman for {org}",
    "a spokeswoman for {org}",
    "the chief economist at {org}",
    "an analyst at {org}",
    "the head of {org}",
    "a senior official at {org}",
)
_ORGS = (
    "the U.N. refugee agency",
    "the E.U. Commission",
    "the central bank",
    "Harbour Logistics Inc.",
    "Northgate Energy Corp.",
    "the Ministry of Health",
    "the electoral commission",
    "the U.S. State Department",
    "the Centre for Security Studies",
    "the port authority",
    "Meridian Pharma Ltd.",
    "the national statistics office",
    "the WHO",
    "the coast guard",
)
_CITIES = (
    "Velgrad",
    "Geneva",
    "Nairobi",
    "Lisbon",
    "São Paulo",
    "Kraków",
    "Osaka",
    "Tbilisi",
    "Accra",
    "Montréal",
    "Tromsø",
    "Valparaíso",
    "Izmir",
    "Da Nang",
)
_WIRES = ("Northgate Wire", "Meridian Press", "Harbour News Agency", "Reuters-style Desk")
_TOPICS = (
    "unemployment",
    "inflation",
    "the budget deficit",
    "vaccination rates",
    "violent crime",
    "voter turnout",
    "grain exports",
    "hospital waiting times",
    "electricity prices",
    "asylum applications",
    "youth unemployment",
    "rent",
)
_THINGS = (
    "the dossier",
    "the audit",
    "the contract",
    "the ceasefire",
    "the new tariff",
    "the inquiry",
    "the vaccine programme",
    "the port deal",
    "the relief fund",
    "the pension reform",
)
_QUOTES = (
    "We have concrete proof, and we have put it on the table",
    "That number is simply wrong",
    "Nobody in this ministry was told",
    "The data are clear and they have been public for months",
    "It is a staged provocation",
    "We will publish everything once the audit is done",
    "Where is a single document that shows it?",
    "This is not how a serious government behaves",
    "The figures speak for themselves",
    "We did not pay a single crown to that company",
    "Ask the people who were there",
    "I have never met him",
)
_POSTS = (
    "🔥 they lied about the numbers",
    "BREAKING: port sold for 1 crown 😱",
    "share before they delete this 👀",
    "the real turnout was 38% 🗳️",
)
_MONTHS = (
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HEADINGS = (
    "Findings on {thing}",
    "Part {n}: {topic} in {city}",
    "Annex {n} — statements received",
    "What {org} told the inquiry",
    "{city}: the second week",
)
_HEADLINES = (
    "{city} says {thing} was signed without tender; {org} denies",
    "Officials claim {topic} fell by {pct} percent, but figures tell another story",
    "{person} accused of misleading parliament over {thing}",
    "{org} disputes report on {topic} in {city}",
)

# One sentence each. Slots: {person} {person2} {role} {org} {city} {topic} {thing} {quote}
# {post} {month} {day} {weekday} {year} {n} {m} {pct} {dec} {money} {hour} {wire}
_SENTENCES = (
    "{person} said {topic} rose {dec} percent in {month} compared with a year earlier.",
    '"{quote}," {person} told reporters in {city} on {weekday}.',
    "“{quote},” said {role}.",
    "According to {org}, {n} people were affected by {thing} in {month} {year}.",
    "The report, released at {hour} a.m. local time, cited {n},{m}00 cases.",
    "{person} said the figure was first cited by a blogger (in {month} {year}) and repeated "
    "by {person2} on {weekday}.",
    "{org} said it had paid ${money} million for {thing}, not ${dec} billion as claimed.",
    "Asked whether {thing} had been approved, {person} replied: “No.”",
    "Is the claim accurate?",
    "The bill passed {n}-{m}, with {person} voting no.",
    "Officials met in {city} at approx. {hour} p.m. on {weekday}.",
    "The contract (No. {m}{n}) was signed on {month} {day}, {year}.",
    "{person}'s claim that {topic} doubled since {year} is not supported by official data.",
    "A post on social media reading “{post}” was shared {n},{m}00 times before it was removed.",
    "{role} said the ministry would publish the data “within weeks.”",
    "{org} did not respond to a request for comment.",
    "Figures from the national statistics office show {topic} at {dec} percent in {year}.",
    "{person} and {person2} were named in the audit.",
    "The U.S.-based monitor said it had counted {n} incidents since {month} {day}.",
    "{person} later corrected the figure to {pct} percent.",
    "The ministry said {thing} had cost about {dec} million crowns.",
    "None of the documents seen by {wire} mention {thing}.",
    "Critics say {thing} was rushed through parliament in {n} days.",
    "“Where is the evidence?” {person} asked.",
    "The inquiry is expected to report by the end of {month}.",
    "{org} says {topic} has fallen for {n} consecutive months; its own tables show a rise in "
    "{month}.",
    "In a statement, {org} said: “{quote}.”",
    "{person}, a former adviser to {person2}, said the timing mattered as much as the numbers.",
    "The figure appears on page {n} of the report... but not in its summary.",
    "It was not immediately clear who had leaked {thing}.",
)


@dataclass(frozen=True, slots=True)
class GeneratedClaim:
    """A claim to tag: code-point span into the text, label name and review fields."""

    start: int
    end: int
    label: str
    verdict: str = ""
    claimant: str = ""
    comment: str = ""
    status: str = "open"


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    title: str
    byline: str
    outlet: str
    published: date
    text: str
    sentences: tuple[tuple[int, int], ...]
    """Every sentence the generator wrote, as code-point ``(start, end)`` in ``text``."""
    claims: tuple[GeneratedClaim, ...]
    seed: int
    size: int
    """The size asked for (characters); ``len(text)`` is at most this, and close to it."""


def parse_size(value: str | int) -> int:
    """``"1MB"``, ``"100KB"``, ``"5kb"``, ``"2.5MB"`` or a number of characters."""
    if isinstance(value, int):
        return value
    key = value.strip().upper().replace(" ", "")
    if key in SIZES:
        return SIZES[key]
    for suffix, scale in (("MB", 1_000_000), ("KB", 1_000), ("B", 1)):
        if key.endswith(suffix):
            return int(float(key[: -len(suffix)]) * scale)
    return int(key)


class _Writer:
    """Builds the text paragraph by paragraph and remembers every sentence's span."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.parts: list[str] = []
        self.length = 0
        self.sentences: list[tuple[int, int]] = []

    def paragraph(self, sentences: list[str], *, counted: bool = True) -> str:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        position = self.length
        for i, sentence in enumerate(sentences):
            if i:
                position += 1
            if counted:
                self.sentences.append((position, position + len(sentence)))
            position += len(sentence)
        text = " ".join(sentences)
        self.parts.append(text)
        self.length += len(text)
        return text

    def text(self) -> str:
        return "".join(self.parts)


class _Vocabulary:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(400)]

    def slots(self, person_bias: list[str] | None = None) -> dict[str, str]:
        r = self.rng
        people = person_bias if person_bias and r.random() < 0.7 else self.people
        org = r.choice(_ORGS)
        city = r.choice(_CITIES)
        person = f"{r.choice(_TITLES)} {r.choice(people)}"
        return {
            "person": person[0].upper() + person[1:],
            "person2": r.choice(self.people),
            "role": r.choice(_ROLES).format(org=org, city=city),
            "org": org,
            "city": city,
            "topic": r.choice(_TOPICS),
            "thing": r.choice(_THINGS),
            "quote": r.choice(_QUOTES),
            "post": r.choice(_POSTS),
            "month": r.choice(_MONTHS),
            "day": str(r.randint(1, 28)),
            "weekday": r.choice(_DAYS),
            "year": str(r.randint(1998, 2025)),
            "n": str(r.randint(2, 99)),
            "m": str(r.randint(1, 9)),
            "pct": str(r.randint(2, 60)),
            "dec": f"{r.randint(0, 19)}.{r.randint(1, 9)}",
            "money": f"{r.randint(1, 900)}.{r.randint(1, 9)}",
            "hour": str(r.randint(1, 11)),
            "wire": r.choice(_WIRES),
        }

    def sentence(self, cast: list[str]) -> str:
        template = self.rng.choice(_SENTENCES)
        if "{post}" in template and self.rng.random() < 0.6:
            template = self.rng.choice(_SENTENCES[:3])  # keep emoji rare
        text = template.format(**self.slots(cast))
        return text[0].upper() + text[1:]


def _story(writer: _Writer, vocab: _Vocabulary, budget: int, story_date: date) -> None:
    """One wire story (dateline, lede, short paragraphs) of about ``budget`` characters."""
    rng = writer.rng
    cast = rng.sample(vocab.people, 4)
    start = writer.length
    slots = vocab.slots(cast)
    month = _MONTHS[story_date.month - 1]
    dateline = f"{slots['city'].upper()}, {month} {story_date.day} ({slots['wire']}) — "
    lede = vocab.sentence(cast)
    writer.paragraph([dateline + lede])
    # The dateline is part of the first sentence (as a segmenter would see it).
    while writer.length - start < budget:
        count = rng.choices((1, 2, 3), weights=(3, 5, 2))[0]
        writer.paragraph([vocab.sentence(cast) for _ in range(count)])


def _text(size: int, seed: int) -> tuple[str, str, str, str, date, list[tuple[int, int]]]:
    rng = random.Random(f"wire:{seed}:{size}")
    vocab = _Vocabulary(rng)
    published = date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
    slots = vocab.slots()
    title = rng.choice(_HEADLINES).format(**slots)
    title = title[0].upper() + title[1:]
    byline = f"By {rng.choice(vocab.people)} and {rng.choice(vocab.people)}"
    outlet = slots["wire"]
    writer = _Writer(rng)
    stories = 0
    while writer.length < size:
        if stories:
            heading_slots = vocab.slots()
            heading_slots["n"] = str(stories + 1)
            heading = rng.choice(_HEADINGS).format(**heading_slots)
            writer.paragraph([heading], counted=False)
        story_date = published + timedelta(days=stories // 3)
        _story(writer, vocab, rng.randint(3_000, 9_000), story_date)
        stories += 1
    text = writer.text()
    sentences = writer.sentences
    if len(text) > size:  # cut at the last paragraph that fits, or inside the only one
        cut = text.rfind("\n\n", 0, size + 1)
        if cut <= 0:
            cut = text.rfind(" ", 0, size)
        text = text[:cut].rstrip()
        sentences = [(s, min(e, len(text))) for s, e in sentences if s < len(text)]
        sentences = [(s, e) for s, e in sentences if text[s:e].strip()]
    return text, title, byline, outlet, published, sentences


def _clause(rng: random.Random, text: str, start: int, end: int) -> tuple[int, int] | None:
    """A run of at least three words strictly inside the sentence ``[start, end)``."""
    words: list[tuple[int, int]] = []
    position = start
    for word in text[start:end].split(" "):
        if word:
            words.append((position, position + len(word)))
        position += len(word) + 1
    if len(words) < 5:
        return None
    first = rng.randint(0, len(words) - 4)
    last = rng.randint(first + 2, min(len(words) - 1, first + 12))
    span = (words[first][0], words[last][1])
    return None if span == (start, end) else span


def _claims(
    text: str, sentences: list[tuple[int, int]], count: int, seed: int, size: int
) -> list[GeneratedClaim]:
    rng = random.Random(f"claims:{seed}:{size}:{count}")
    if count <= len(sentences):
        spans = [sentences[i] for i in sorted(rng.sample(range(len(sentences)), count))]
    else:  # every sentence, then clauses inside sentences until there are enough
        chosen = set(sentences)
        attempts = 0
        while len(chosen) < count and attempts < count * 20:
            attempts += 1
            clause = _clause(rng, text, *rng.choice(sentences))
            if clause is not None:
                chosen.add(clause)
        spans = sorted(chosen)
    claimants = [f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(60)]
    comments = (
        "",
        "",
        "Check against the statistics office tables.",
        "Ask the ministry for the underlying data.",
        "Same figure as in the March report; source unclear.",
        "Quote confirmed by audio from the press conference.",
    )
    return [
        GeneratedClaim(
            start=start,
            end=end,
            label=rng.choices(LABELS, weights=LABEL_WEIGHTS)[0],
            verdict=rng.choice(VERDICTS),
            claimant=rng.choice(claimants) if rng.random() < 0.7 else "",
            comment=rng.choice(comments),
            status=rng.choices(STATUSES, weights=(6, 3, 1))[0],
        )
        for start, end in spans
    ]


def article(size: str | int = "5KB", claims: int = 0, seed: int = DEFAULT_SEED) -> GeneratedArticle:
    """A wire-story article of about ``size`` characters with ``claims`` claims on it."""
    chars = parse_size(size)
    if chars < 200:
        raise ValueError(f"an article needs at least 200 characters, not {chars}")
    text, title, byline, outlet, published, sentences = _text(chars, seed)
    return GeneratedArticle(
        title=title,
        byline=byline,
        outlet=outlet,
        published=published,
        text=text,
        sentences=tuple(sentences),
        claims=tuple(_claims(text, sentences, claims, seed, chars)),
        seed=seed,
        size=chars,
    )


def corpus(
    count: int, size: str | int = "5KB", seed: int = DEFAULT_SEED
) -> Iterator[GeneratedArticle]:
    """``count`` different articles of the same size (for search): seeds ``seed``, +1, ..."""
    for index in range(count):
        yield article(size, 0, seed + index)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="5KB", help="5KB, 100KB, 1MB, 10MB or characters")
    parser.add_argument("--claims", type=int, default=0)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, required=True, help="path without suffix")
    args = parser.parse_args(argv)
    generated = article(args.size, args.claims, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".txt").write_text(generated.text + "\n", encoding="utf-8")
    meta = {
        "title": generated.title,
        "byline": generated.byline,
        "outlet": generated.outlet,
        "published": generated.published.isoformat(),
        "seed": generated.seed,
        "claims": [asdict(c) for c in generated.claims],
    }
    claims_path = args.out.with_suffix(".claims.json")
    claims_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(generated.text):,} characters, {len(generated.claims):,} claims -> {args.out}.*")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
