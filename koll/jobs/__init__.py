"""What runs after ingestion: analyse, rescore, retrain, alerts and their notification, the demo.

Each job is orchestration over koll.store and analysis/; the CLI calls one function per command.
"""
