"""The koll dashboard: a Dash app over the store (see app.py); pages live in pages/."""
