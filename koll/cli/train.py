"""`koll train`: retrain the learned sentiment model with analyst corrections and store it."""

from __future__ import annotations

import json

from koll.cli._common import CommandError, open_store, settings_from_args

HELP = "retrain the sentiment model from the shipped data plus stored corrections (new version)"
EXAMPLE = "koll train --config koll.toml && koll analyse --config koll.toml"


def add_arguments(p) -> None:
    p.add_argument("--dry-run", action="store_true", help="train and evaluate, store nothing")
    p.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args) -> int:
    from koll.jobs.retrain import train_and_store

    settings = settings_from_args(args)
    store = open_store(settings)
    if store.readonly and not args.dry_run:
        store.close()
        # Training takes minutes; its model would then have nowhere to go.
        raise CommandError(
            "the database is read-only for this user, and koll train stores the new model in "
            "it: run it as the user that writes the workspace, or add --dry-run to train and "
            "evaluate only",
            code=1,
        )
    try:
        res = train_and_store(store, settings, dry_run=args.dry_run)
    finally:
        store.close()
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
    else:
        what = "stored" if res.stored else "not stored (--dry-run)"
        print(
            f"model {res.version}: {res.corrections} corrections, dev macro-F1 "
            f"{res.dev['macro_f1']:.3f}, accuracy {res.dev['accuracy']:.3f}; {what}"
        )
        if res.stored:
            print("run `koll analyse` to rescore mentions scored by older models")
    return 0
