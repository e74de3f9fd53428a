"""The service edit page: its state, view, rows of the form and presenters."""
