"""Checking a page beyond its quizzes: the page and bank checks, links, markup safety (no script from
content), plain-language style, the editors' JSON Schemas, and matching rendered quiz fences to checked ones."""
