"""A quiz block from YAML to learner: its model, parsing, validation, typed answers, the obfuscated key,
the HTML it renders to, and GIFT export for Moodle."""
