"""The prebuilt Vietnamese search: the index and its shards, and synonyms a fork can extend."""
