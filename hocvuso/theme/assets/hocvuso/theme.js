/* hocvuso: the little of Material's JavaScript the course uses, written again small.
   Material's own bundle (114 KB, 35 KB gzip) is not loaded (hocvuso/publish/material.py says when a fork's
   feature needs it back; then Material does all of this itself and this file does nothing).
   Without any script Material already works through CSS: the menu (drawer) and the search box
   open with checkboxes, menu sections expand with checkboxes, content tabs switch with radio
   buttons. This file adds what a learner notices beyond that:
   - the menu closes when a link in it is followed, on Escape, and when the page comes back
     from the browser's back/forward cache;
   - the "Về đầu trang" button appears while scrolling up and takes the page to the top;
   - the header shows the lesson's title once its heading has scrolled under the header;
   - Enter or Space on a focused menu section opens or closes it, and screen readers hear
     whether it is open (aria-expanded);
   - on a wide screen, the side menu shows the page the learner is on;
   - content tabs underline the tab shown.
   The "js" class on <html> (which shows the search button) is set by reading-early.js, in
   <head>, so the header does not shift. Page scroll is locked under an open menu or search on
   phones by CSS (hocvuso.css). Search and its keys are search.js's. A classic script, no
   requests. */
(function () {
  "use strict";
  if (window.document$) return;  // Material's bundle is loaded and does all of this

  var hvs = window.hvs;
  hvs.ready(function () {
    var drawer = document.getElementById("__drawer");
    var search = document.getElementById("__search");
    var header = document.querySelector(".md-header");
    var title = document.querySelector("[data-md-component=header-title]");
    var heading = document.querySelector(".md-content h1");
    var top = document.querySelector(".md-top");

    // ---- The menu (drawer) ----
    function closeDrawer() {
      if (drawer) drawer.checked = false;
    }
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (sidebar) sidebar.addEventListener("click", function (event) {
      if (event.target.closest && event.target.closest("a[href]")) closeDrawer();
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) closeDrawer();  // back from the bfcache with the menu still open
    });

    // ---- Keys: Escape closes the menu; Enter or Space opens a focused menu section ----
    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "Escape" && drawer && drawer.checked && !(search && search.checked)) {
        event.preventDefault();
        closeDrawer();
        if (sidebar && sidebar.contains(document.activeElement)) document.activeElement.blur();
        return;
      }
      var target = event.target;
      if ((event.key === "Enter" || event.key === " ") && target.matches && target.matches("label[tabindex][for]")) {
        event.preventDefault();  // Space would scroll the page
        target.click();
      }
    });
    // A menu section opened or closed: its list says so to screen readers.
    document.addEventListener("change", function (event) {
      var toggle = event.target;
      if (!toggle.classList || !toggle.classList.contains("md-nav__toggle")) return;
      var children = toggle.parentNode.children;
      for (var i = 0; i < children.length; i++) {
        if (children[i].getAttribute("aria-labelledby") === toggle.id + "_label") {
          children[i].setAttribute("aria-expanded", String(toggle.checked));
        }
      }
    });

    // ---- On scroll: the back-to-top button and the title in the header ----
    function showTop(shown) {
      if (!top || top.hidden === !shown) return;
      top.hidden = !shown;
      if (shown) top.removeAttribute("tabindex");
      else {
        top.setAttribute("tabindex", "-1");  // Material keeps a hidden button laid out, for its fade
        if (document.activeElement === top) top.blur();
      }
    }
    if (top) {
      top.setAttribute("tabindex", "-1");
      top.addEventListener("click", function (event) {
        event.preventDefault();
        window.scrollTo({ top: 0 });
      });
    }
    var lastY = window.pageYOffset, queued = false;
    function update() {
      queued = false;
      var y = window.pageYOffset;
      if (y !== lastY) showTop(y < lastY && y > 0);  // scrolling up, not yet at the top
      lastY = y;
      if (title && heading && header) {
        var box = heading.getBoundingClientRect();
        title.classList.toggle("md-header__title--active", box.height > 0 && box.bottom <= header.getBoundingClientRect().bottom);
      }
    }
    function queue() {
      if (!queued) { queued = true; window.requestAnimationFrame(update); }
    }
    window.addEventListener("scroll", queue, { passive: true });
    window.addEventListener("resize", queue);
    window.addEventListener("hashchange", function () {
      closeDrawer();
      showTop(false);
    });
    update();

    // ---- Wide screen: the side menu scrolled to the page shown ----
    if (sidebar && window.matchMedia("(min-width: 76.25em)").matches) {
      var links = sidebar.querySelectorAll(".md-nav__link--active[href]");
      for (var i = 0; i < links.length; i++) {
        var wrap = links[i].closest(".md-sidebar__scrollwrap");
        if (!links[i].clientHeight || !wrap) continue;
        wrap.scrollTop = links[i].offsetTop - wrap.offsetTop - wrap.clientHeight / 2;
      }
    }

    // ---- Content tabs: the line under the tab shown (Material's CSS draws it from two numbers) ----
    function underline(set) {
      var inputs = set.querySelectorAll(":scope > input"), labels = set.querySelector(":scope > .tabbed-labels");
      if (!labels) return;
      for (var i = 0; i < inputs.length; i++) {
        var label = labels.children[i];
        if (inputs[i].checked && label) {
          labels.style.setProperty("--md-indicator-x", label.offsetLeft + "px");
          labels.style.setProperty("--md-indicator-width", label.offsetWidth + "px");
        }
      }
    }
    var sets = document.querySelectorAll(".md-typeset .tabbed-set");
    for (var s = 0; s < sets.length; s++) {
      underline(sets[s]);
      sets[s].addEventListener("change", function () { underline(this); });
    }
    if (sets.length) window.addEventListener("resize", function () {
      for (var s = 0; s < sets.length; s++) underline(sets[s]);
    });
  });
})();
