"""hocvuso: the rules of a Vietnamese course site (quizzes, checks, text), free of any site engine.

Nothing in this package imports MkDocs: hooks/ adapts MkDocs events to these functions, so the
rules can be tested alone and moved to another engine.
"""

__version__ = "0.1.0"
