"""The course as writers lay it out: its structure (modules, lessons, page kinds), the front-matter fields
declared once and their rules, competences, facts, the glossary, the project's files, and new lessons."""
