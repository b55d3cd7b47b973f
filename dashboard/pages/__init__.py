"""One module per dashboard page: layout(**query), its render functions and register(app)."""
