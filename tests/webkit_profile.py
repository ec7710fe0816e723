"""Opens one page in WebKitGTK with a data folder that outlives the process, runs a script there
until it answers, prints the answer, and quits as a browser does (the storage written to disk).

Run by the system's Python (Debian's python3-gi and gir1.2-webkit2-4.1), under a display, by
tests/browser/test_engines_browser.py: MiniBrowser under WebDriver always keeps its data in memory, so a
restart with the same profile is driven here instead. The script is a JavaScript expression that
returns a string once the page shows what the test waits for, and null until then.

    python3 webkit_profile.py DATA_FOLDER URL SCRIPT_FILE [TIMEOUT_S]"""

import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402


def main(folder: str, url: str, script: str, timeout_s: float) -> int:
    manager = WebKit2.WebsiteDataManager(base_data_directory=folder + "/data", base_cache_directory=folder + "/cache")
    context = WebKit2.WebContext(website_data_manager=manager)
    view = WebKit2.WebView(web_context=context)
    window = Gtk.Window()
    window.set_default_size(390, 844)
    window.add(view)
    window.show_all()
    outcome = {"answer": None, "error": None, "stopped": False}

    def stop(answer=None, error=None):
        if outcome["stopped"]:
            return False
        outcome.update(answer=answer, error=error, stopped=True)
        window.destroy()  # closing the last view lets WebKit write its storage before the process ends
        GLib.timeout_add(500, Gtk.main_quit)
        return False

    def asked(source, result, _data):
        try:
            value = view.evaluate_javascript_finish(result)
            text = None if value.is_null() or value.is_undefined() else value.to_string()
        except GLib.Error as error:
            text = None
            outcome["error"] = error.message
        if text:
            stop(answer=text)
        elif not outcome["stopped"]:
            GLib.timeout_add(100, ask)

    def ask():
        view.evaluate_javascript(script, -1, None, None, None, asked, None)
        return False

    def loaded(_view, event):
        if event == WebKit2.LoadEvent.FINISHED:
            ask()

    view.connect("load-changed", loaded)
    GLib.timeout_add(int(timeout_s * 1000), lambda: stop(error=f"no answer within {timeout_s} s ({outcome['error']})"))
    view.load_uri(url)
    Gtk.main()
    if outcome["answer"] is None:
        print(outcome["error"] or "no answer", file=sys.stderr)
        return 1
    print(outcome["answer"])
    return 0


if __name__ == "__main__":
    with open(sys.argv[3], encoding="utf-8") as file:
        code = file.read()
    sys.exit(main(sys.argv[1], sys.argv[2], code, float(sys.argv[4]) if len(sys.argv) > 4 else 30.0))
