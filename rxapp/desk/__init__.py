"""The volunteer desk: one module per page (its state and view), its presenters beside it."""
