"""Vietnamese text, below everything: Unicode forms and slugs, the folded keys quizzes and search compare by,
raw Telex/VNI typing, headings, and escaping a writer's plain text wherever it is written."""
