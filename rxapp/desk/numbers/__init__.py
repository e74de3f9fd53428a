"""Important numbers at the desk (coordinators): the state (``state.py``) and the page (``view.py``)."""
