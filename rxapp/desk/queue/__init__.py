"""The queue page and the open record: its state, views, inputs and presenters."""
