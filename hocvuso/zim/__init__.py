"""The ZIM edition for Kiwix: the site packed into one file, with its illustration."""
