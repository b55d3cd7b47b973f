"""`koll train`: retrain the learned sentiment model with analyst corrections and store it, or
choose which stored model (or the shipped one) the workspace scores with."""

from __future__ import annotations

import argparse
import json

from koll.cli._common import CommandError, open_store, settings_from_args

HELP = (
    "retrain the sentiment model from the shipped data plus stored corrections (new version), "
    "or go back to the shipped model or an earlier version (--use)"
)
EXAMPLE = (
    "koll train --config koll.toml && koll analyse --config koll.toml\n"
    "  koll train --config koll.toml --use shipped && koll analyse --config koll.toml"
)


def add_arguments(p) -> None:
    what = p.add_mutually_exclusive_group()
    what.add_argument("--dry-run", action="store_true", help="train and evaluate, store nothing")
    what.add_argument(
        "--use",
        metavar="VERSION",
        type=_version,
        help="score with the shipped model ('shipped') or an earlier stored version from now "
        "on, without training; `koll analyse` then rescores",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")


def _version(text: str) -> str:
    """--use's value: a blank one had been taken for no --use at all, and trained."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected 'shipped' or a stored model's version, got ''")
    return text.strip()


def run(args) -> int:
    settings = settings_from_args(args)
    store = open_store(settings, existing=True)
    if store.readonly and not args.dry_run:
        store.close()
        # Training takes minutes; its model would then have nowhere to go.
        what = "records the model to use" if args.use is not None else "stores the new model"
        raise CommandError(
            f"the database is read-only for this user, and koll train {what} in it: run it as "
            "the user that writes the workspace"
            + ("" if args.use is not None else ", or add --dry-run to train and evaluate only"),
            code=1,
        )
    try:
        return _use(store, args) if args.use is not None else _train(store, settings, args)
    finally:
        store.close()


def _use(store, args) -> int:
    from koll.jobs.retrain import use_version

    try:
        version = use_version(store, args.use)
    except KeyError as e:
        raise CommandError(f"--use: {e.args[0]}", code=2) from e
    except ValueError as e:
        raise CommandError(f"--use: {e}", code=1) from e
    if args.json:
        print(json.dumps({"in_use": version, "stored": False}))
    else:
        print(f"model in use: {version}; run `koll analyse` to rescore mentions scored by others")
    return 0


def _train(store, settings, args) -> int:
    from koll.jobs.retrain import train_and_store

    res = train_and_store(store, settings, dry_run=args.dry_run)
    if args.json:
        print(
            json.dumps(
                {
                    "version": res.version,
                    "corrections": res.corrections,
                    "dev": res.dev,
                    "stored": res.stored,
                }
            )
        )
    elif res.dev is None:
        print(
            "no corrections stored (the dashboard or ws.correct() records them): nothing to "
            "train, nothing stored"
        )
    else:
        what = "stored and in use" if res.stored else "not stored (--dry-run)"
        print(
            f"model {res.version}: {res.corrections} corrections, dev macro-F1 "
            f"{res.dev['macro_f1']:.3f}, accuracy {res.dev['accuracy']:.3f}; {what}"
        )
        if res.stored:
            print("run `koll analyse` to rescore mentions scored by older models")
    return 0
