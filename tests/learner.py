"""What a learner sees and keeps, as the browser tests and tools/storage-harness.py use it."""

RIGHT = "Đúng rồi! Bạn làm rất tốt."
# The "Aa" panel's largest size ("Chữ rất lớn"), as reading.js saves it; reading-early.js puts
# hvs-size-2 on <html> before the first paint. Saved once: the learner's choice, kept.
LARGEST_TEXT = {"hocvuso:reading": {"size": 2}}
# Writes what the learner saved on an earlier visit, from a page that has loaded.
SAVE = "entries => { for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, JSON.stringify(value)); }"
