"""Languages: the registry, gettext catalogs, negotiation and Babel formatting."""
