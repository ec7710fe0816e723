"""`hocvuso lop-hoc`: one laptop serving the site (or the ZIM through kiwix-serve) to a class's phones:
addresses, the static server, the terminal banner with its QR code."""
