"""The public reading pages: home, a need's list, search, a service, about, not found."""
