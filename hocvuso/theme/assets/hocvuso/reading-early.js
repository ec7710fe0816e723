/* hocvuso: text size and contrast set on <html> before the first paint; reading.js saves them.
   This file alone runs in <head>, blocking the paint, so it stays tiny and does not wait for
   core.js (deferred, with the other scripts): it only reads the saved choice, once. The rule
   for failed saves lives in core.js; in a visit whose saves failed, reading.js applies the
   visit's choice again when the page is ready. */
(function () {
  "use strict";
  var KEY = "hocvuso:reading";
  var root = document.documentElement;

  function apply(settings) {
    settings = settings || {};
    root.classList.toggle("hvs-size-1", settings.size === 1);
    root.classList.toggle("hvs-size-2", settings.size === 2);
    root.classList.toggle("hvs-contrast", settings.contrast === true);
  }

  root.classList.add("hvs-rd"); // scripts run: show the "Aa" button, no header shift later
  // Material's bundle did this (it is not loaded: theme.js): its CSS shows the search button
  // and sizes the sidebars for "js", here before the first paint.
  root.classList.remove("no-js");
  root.classList.add("js");
  // A page the ordered path may close (main.html's mark): its content waits out of sight
  // (hocvuso.css) until ordered-path.js has decided, which removes the class.
  if (document.querySelector("meta[name=hvs-path-wait]")) root.classList.add("hvs-path-wait");
  try {
    apply(JSON.parse(window.localStorage.getItem(KEY)));
  } catch (e) { /* storage blocked or damaged: the default look */ }
  // The first of our scripts to run: it starts the namespace, which core.js then extends.
  (window.hvs = window.hvs || {}).reading = { key: KEY, apply: apply };
})();
