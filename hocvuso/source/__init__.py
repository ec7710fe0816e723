"""Reading a writer's files: the one YAML reader (with lines, refusing what YAML should not do), front matter,
the fenced blocks of a Markdown page, and the Markdown extensions declared once for check and build."""
