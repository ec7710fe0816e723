/* hocvuso: text size and contrast set on <html> before the first paint; reading.js calls set(). */
(function () {
  "use strict";
  var KEY = "hocvuso:reading";
  var root = document.documentElement;
  var memory = null; // when localStorage throws (disabled, full, private mode)

  function get() {
    try {
      var raw = window.localStorage.getItem(KEY);
      if (raw) return JSON.parse(raw) || {};
    } catch (e) { /* memory */ }
    return memory || {};
  }
  function apply(settings) {
    root.classList.toggle("hvs-size-1", settings.size === 1);
    root.classList.toggle("hvs-size-2", settings.size === 2);
    root.classList.toggle("hvs-contrast", settings.contrast === true);
  }
  function set(settings) {
    memory = settings;
    try {
      window.localStorage.setItem(KEY, JSON.stringify(settings));
    } catch (e) { /* memory only */ }
    apply(settings);
  }

  root.classList.add("hvs-rd"); // scripts run: show the "Aa" button, no header shift later
  apply(get());
  window.hvsReading = { get: get, set: set };
})();
