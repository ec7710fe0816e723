"""What the tool names and says: the Vietnamese message catalogue every writer-facing message comes from,
the diagnostics that carry them (file, line, column), and the question types declared once."""
