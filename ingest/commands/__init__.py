"""One module per `koll` subcommand; see ingest/cli.py for the shape each follows."""
