"""Search that finds what people mean: keys (``analyze``), the translators' words (``words``),
the index and its ranking (``rank``), and services' stored keys (``stored``)."""
