"""`koll eval sentiment`: accuracy, macro-F1, per-class F1 and confusion on a labelled file; the
tone towards each brand on a file with a `brand` column, label flips on a counterfactual file."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from analysis.sentiment_eval import (
    CLASSES,
    absa_label,
    reliability,
    report,
    spearman,
    vader_label,
)
from koll.cli._common import fail
from koll.cli._sentiment_io import InputError, read_table, require_column, use_configured_model

HELP = (
    "evaluate sentiment on a labelled CSV (pos/neu/neg) or an ABSAbank TSV (1..5 means); with a "
    "`brand` column, the tone towards each brand; with `group` and `swapped`, label flips"
)
# data/ is in the source tree, not in the installed package, and vaderSentiment-swedish only in
# the dev extra: the example said neither, and failed elsewhere.
EXAMPLE = (
    "koll eval sentiment data/sentiment/dev_sv.csv --peer vader\n"
    "  koll eval sentiment data/eval/brand_targets_sv.csv      # tone towards each brand\n"
    "  koll eval sentiment data/eval/counterfactual_sv.csv     # names swapped: label flips\n"
    "  (from a source checkout of koll, which has data/; --peer vader needs\n"
    "  vaderSentiment-swedish: pip install 'koll[dev]')"
)


def add_arguments(p) -> None:
    p.add_argument("what", choices=["sentiment"], help="what to evaluate")
    p.add_argument("file", metavar="FILE", help="CSV/TSV with a text and a label column")
    p.add_argument("--text-column", default="text", metavar="NAME")
    p.add_argument("--label-column", default="label", metavar="NAME")
    p.add_argument(
        "--peer",
        choices=["vader"],
        help="also score with vaderSentiment-swedish (pip install 'koll[dev]')",
    )
    # Only the languages koll scores: any other value left every text unscored and printed a
    # table of zeros with exit 0.
    p.add_argument(
        "--lang",
        choices=("sv", "en"),
        help="treat every text as this language (sv or en) instead of detecting it",
    )
    p.add_argument("--json", action="store_true", help="print the results as one JSON object")


def load_labelled(path: str, text_col: str, label_col: str):
    """(name, texts, gold labels, 1..5 means or None, the rows by column name, their lines);
    numeric labels are ABSAbank means."""
    from koll.sentiment import blank

    name, columns, rows, lines = read_table(path)
    require_column(name, columns, text_col, "--text-column")
    require_column(name, columns, label_col, "--label-column")
    if not rows:  # scores of nothing would print as 0.000, which reads like a result
        raise InputError(f"{name}: no rows to evaluate, only a header")
    texts, gold, means = [], [], []
    numeric = None
    for lineno, row in zip(lines, rows, strict=True):
        raw = (row.get(label_col) or "").strip()
        # "POS", "Neg": what a spreadsheet's autocorrect or a colleague's habit leaves; the
        # words are the same (they had been refused).
        if raw.lower() in CLASSES:
            raw = raw.lower()
        try:
            # "4,5": a mean as Swedish Excel writes it (koll sentiment answers such files so).
            value = float(raw.replace(",", ".", 1) if raw.count(",") == 1 else raw)
            is_num = True
        except ValueError:
            value, is_num = float("nan"), False
        if numeric is None:
            numeric = is_num
        # A number is an ABSAbank 1..5 mean and nothing else: -1, 0 and 1 had all become gold
        # neg, 7 pos, nan neu and inf pos, scoring a file of another convention silently.
        if is_num != numeric or not (1 <= value <= 5 if is_num else raw in CLASSES):
            raise InputError(f"{name}: line {lineno}: {_bad_label(label_col, raw, value)}")
        text = row.get(text_col) or ""
        if blank(text):  # scored, it came out neu (lang und), a label of nothing
            raise InputError(
                f"{name}: line {lineno}: field {text_col!r} is blank; there is no tone to "
                "compare with the label (remove the row)"
            )
        texts.append(text)
        if is_num:
            gold.append(absa_label(value))
            means.append(value)
        else:
            gold.append(raw)
    return name, texts, gold, (means if numeric else None), rows, lines


def _bad_label(label_col: str, raw: str, value: float) -> str:
    """What is wrong with label `raw` (read as the number `value`, else NaN); a -1/0/1 file (a
    common convention) is told how koll reads numbers and what to write instead."""
    hint = ""
    if value in (-1, 0):
        hint = (
            "; koll reads a number as a 1..5 mean (ABSAbank), so for -1/0/1 labels write "
            "neg/neu/pos"
        )
    return f"field {label_col!r} must be pos/neu/neg or a 1..5 mean, got {raw!r}{hint}"


def _vader() -> Any:
    """vaderSentiment-swedish's analyzer; InputError naming the package and its install when it
    is missing (it is in the dev extra only)."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        raise InputError(
            "--peer vader needs the package vaderSentiment-swedish, which is not installed: "
            "pip install 'koll[dev]'"
        ) from None
    return SentimentIntensityAnalyzer()


def evaluate(path: str, text_col="text", label_col="label", peer=None, lang=None) -> dict:
    from analysis import sentiment

    # Before koll scores the file: a large one took minutes, then the missing package ended it.
    vader = _vader() if peer == "vader" else None
    name, texts, gold, means, rows, lines = load_labelled(path, text_col, label_col)
    brands = "brand" in rows[0]
    if brands:  # the tone towards each row's brand, not the whole text's
        # The rows as analysis.sentiment_brand_eval reads them, whatever the columns are named.
        rows = [{**r, "text": t, "label": g} for r, t, g in zip(rows, texts, gold, strict=True)]
        results = _brand_results(name, rows, lines, text_col, means, lang)
    else:
        results = [sentiment.classify(t, lang=lang) for t in texts]
    out: dict[str, Any] = {"file": name, "n": len(texts), "systems": {}}
    ours = report(gold, [r.label for r in results])
    ours["model"] = sentiment.current_version()
    ours["unscored"] = sum(r.label is None for r in results)
    ours["calibration"] = reliability(
        gold, [r.label for r in results], [r.confidence for r in results]
    )
    if means is not None:
        ours["spearman"] = spearman([r.score or 0.0 for r in results], means)
    out["systems"]["koll"] = ours
    if brands:
        ours["targets"] = _targets(rows, results, lines)
    if "group" in rows[0] and "swapped" in rows[0]:
        from analysis.sentiment_brand_eval import counterfactual_flips

        try:
            out["counterfactual"] = counterfactual_flips(rows, [r.label for r in results])
        except ValueError as e:
            raise InputError(f"{name}: {e}") from None
    if vader is not None:
        comp = [vader.polarity_scores(t)["compound"] for t in texts]
        theirs = report(gold, [vader_label(c) for c in comp])
        if means is not None:
            theirs["spearman"] = spearman(comp, means)
        out["systems"]["vader"] = theirs
    return out


def _brand_results(name: str, rows, lines, text_col: str, means, lang) -> list:
    """classify_for_brand's result for each row's `brand` (the set's other brands are the other
    parties); InputError naming the line for a brand missing or not named in its text."""
    from analysis.sentiment_brand_eval import _finder, classify_targets

    if means is not None:
        raise InputError(f"{name}: a file with a 'brand' column needs pos/neu/neg labels")
    for lineno, row in zip(lines, rows, strict=True):
        brand, text = row["brand"] or "", row["text"]
        if not brand.strip():
            raise InputError(f"{name}: line {lineno}: field 'brand' is empty")
        if not _finder(brand)(text):
            raise InputError(
                f"{name}: line {lineno}: field 'brand' {brand!r} is not named in field "
                f"{text_col!r} (written as there, capitals included)"
            )
    return classify_targets(rows, lang)


def _targets(rows, results, lines) -> dict:
    """Accuracy towards the brand overall, on texts naming two brands (a `brands` column of 2)
    and per `pattern`, as the quality test pins them (analysis.sentiment_brand_eval), and the
    rows it got wrong with their lines (for --json)."""
    from analysis.sentiment_brand_eval import score_targets

    res = score_targets(rows, results)
    out = {k: res[k] for k in ("accuracy", "two_brand_accuracy", "patterns")}
    out["wrong"] = [
        {"line": lines[i], "text": text, "brand": brand, "label": label, "got": got}
        for i, text, brand, label, got in res["wrong"]
    ]
    return out


def _print(res: dict) -> None:
    systems = res["systems"]
    names = list(systems)
    per_brand = "targets" in systems["koll"]
    print(f"{res['file']}: {res['n']} {'labels towards a brand' if per_brand else 'texts'}")
    w = 12
    print("".ljust(14) + "".join(n.rjust(w) for n in names))
    rows: list[tuple[str, Callable[..., Any]]] = [
        ("accuracy", lambda s: s["accuracy"]),
        ("macro-F1", lambda s: s["macro_f1"]),
    ]
    # A class in neither the labels nor the predictions has no F1 ("-"); macro-F1 leaves it out.
    rows += [
        (f"F1 {c}", lambda s, c=c: s["per_class"][c]["f1"] if c in s["macro_f1_classes"] else None)
        for c in CLASSES
    ]
    if "spearman" in systems[names[0]]:
        rows.append(("spearman ρ", lambda s: s.get("spearman")))
    for label, get in rows:
        vals = [get(systems[n]) for n in names]
        print(label.ljust(14) + "".join(("-" if v is None else f"{v:.3f}").rjust(w) for v in vals))
    for n in names:
        over = systems[n]["macro_f1_classes"]
        if len(over) < len(CLASSES):
            print(
                f"{n}'s macro-F1 is the mean over {', '.join(over)}, the classes in the labels "
                "or its predictions"
            )
    for n in names:
        conf = systems[n]["confusion"]
        print(f"\n{n} confusion (rows: gold, columns: predicted)")
        cols = [*CLASSES, "none"]
        print("gold".ljust(8) + "".join(c.rjust(7) for c in cols))
        for g in CLASSES:
            print(g.ljust(8) + "".join(str(conf[g][c]).rjust(7) for c in cols))
    cal = systems["koll"]["calibration"]
    print(f"\nkoll calibration: expected calibration error {cal['ece']:.3f}")
    print("confidence".ljust(12) + "texts".rjust(7) + "mean conf".rjust(11) + "right".rjust(8))
    for row in cal["table"]:
        print(
            row["bin"].ljust(12)
            + str(row["n"]).rjust(7)
            + f"{row['confidence']:.3f}".rjust(11)
            + f"{row['accuracy']:.3f}".rjust(8)
        )
    _print_targets_and_flips(res)
    if systems["koll"].get("unscored"):
        print(f"\nkoll left {systems['koll']['unscored']} texts unscored (not Swedish or English)")


def _print_targets_and_flips(res: dict) -> None:
    """The tone towards each brand of a brand file, the flips of a counterfactual file."""
    targets = res["systems"]["koll"].get("targets")
    if targets is not None:
        two = targets["two_brand_accuracy"]
        print(
            f"\nkoll towards each row's brand: {targets['accuracy']:.3f} right"
            + ("" if two is None else f", {two:.3f} on texts naming two brands")
        )
        for pattern, acc in targets["patterns"].items():
            print(f"  {pattern.ljust(20)}{acc:.3f}")
    flips = res.get("counterfactual")
    if flips is not None:
        print(
            f"\ncounterfactual: {flips['flips']} of {flips['variants']} variants "
            f"({100 * flips['flip_rate']:.1f} %) get another label than their group's first "
            f"sentence ({flips['groups']} groups)"
        )
        for text in flips["flipped"]:
            print(f"  {text}")


def run(args) -> int:
    try:
        use_configured_model(args)
        res = evaluate(args.file, args.text_column, args.label_column, args.peer, args.lang)
    except InputError as e:
        return fail(str(e), 2)
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        _print(res)
    return 0
