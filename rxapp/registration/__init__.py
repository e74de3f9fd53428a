"""The public registration: its page and state, and the handling of a submission (which the
desk's "register someone" page reuses)."""
