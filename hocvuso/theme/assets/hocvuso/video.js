/* hocvuso: the video player (hvs.video). Over the poster of each video block, a big play button
   that shows what playing costs ("Video 3 phút · 4,2 MB") before anything loads; nothing is
   fetched until it is pressed (the markup says preload="none" and never autoplay, and its track
   is not `default`, which engines load with the page). Pressing plays with the Vietnamese
   captions turned on. On a connection that asks to save data, a first
   press only says so; the next one plays. One sound at a time: a video or a recorded
   narration that starts pauses any other. Without this script the native player works the
   same way, captions from its menu (the markup of hocvuso/pages/video.py). Classic script, no requests of its own. */
(function () {
  "use strict";
  var TEXT = {
    watch: "Xem ", // read before the size by a screen reader: "Xem video 3 phút · 4,2 MB"
    saveData: "Điện thoại đang bật chế độ tiết kiệm dữ liệu. Xem video này sẽ tốn khoảng ",
    saveDataEnd: " dữ liệu. Nếu được, bạn hãy xem khi có Wi-Fi.",
    confirm: "Vẫn xem video"
  };

  // The size as the build wrote it (its own formatting, from the catalogue): "Video 3 phút ·
  // 4,2 MB", of the source this browser will choose (the first whose type it can play: an old
  // iPhone skips the WebM and pays the MP4's size); else the figcaption's, the first source's.
  function sizeText(figure) {
    var video = figure.querySelector("video"), sources = figure.querySelectorAll("source[data-hvs-size]");
    for (var i = 0; i < sources.length; i++) {
      if (video.canPlayType && video.canPlayType(sources[i].type)) return sources[i].getAttribute("data-hvs-size");
    }
    var size = figure.querySelector(".hvs-video-size");
    return size ? size.textContent.replace(/\s+/g, " ").trim() : "";
  }
  function megabytesOf(text) {
    var found = /[\d.,]+\s*MB/.exec(text);
    return found ? found[0] : "";
  }

  // navigator.connection.saveData: Chromium's data saver, Android's "Lite mode"; absent elsewhere.
  function savingData() {
    var connection = navigator.connection;
    return Boolean(connection && connection.saveData);
  }

  // Where the markup's <track> cannot load (Chromium refuses one from a page opened from file://:
  // a USB stick, the zip), the captions come from the transcript, whose paragraphs carry each
  // cue's times (hocvuso/pages/video.py): a track of the page's own, with the <track>'s label
  // and language, showing by default. The refused one is turned off.
  var TRACK_FAILED = 3;  // HTMLTrackElement.ERROR
  function captionsFromPage(figure) {
    var video = figure.querySelector("video"), own = video.querySelector("track");
    var lines = figure.querySelectorAll(".hvs-transcript p[data-start]");
    if (video.hvsCaptions || !own || !lines.length || !video.addTextTrack || typeof VTTCue !== "function") return;
    own.track.mode = "disabled";
    var track = video.hvsCaptions = video.addTextTrack("captions", own.label, own.srclang);
    for (var i = 0; i < lines.length; i++) {
      var start = parseFloat(lines[i].getAttribute("data-start")), end = parseFloat(lines[i].getAttribute("data-end"));
      if (end > start) track.addCue(new VTTCue(start, end, lines[i].textContent.replace(/\s+/g, " ").trim()));
    }
    track.mode = "showing";
  }
  function watchTrack(figure) {
    var own = figure.querySelector("video track");
    if (!own) return;
    if (location.protocol === "file:" || own.readyState === TRACK_FAILED) captionsFromPage(figure);
    else own.addEventListener("error", function () { captionsFromPage(figure); });
  }

  function showCaptions(video) {
    var tracks = video.textTracks || [];
    var chosen = video.hvsCaptions || null;
    for (var i = 0; i < tracks.length; i++) {
      var track = tracks[i];
      if ((track.kind === "captions" || track.kind === "subtitles") && /^vi\b/i.test(track.language || "") && !chosen) chosen = track;
    }
    if (chosen && chosen.mode !== "showing") chosen.mode = "showing";
  }

  function setUp(figure) {
    var video = figure.querySelector("video");
    if (!video || figure.querySelector(".hvs-video-play")) return;
    watchTrack(figure);
    var text = sizeText(figure);
    // The button covers the video only: a frame around it to place the button in.
    var frame = document.createElement("div");
    frame.className = "hvs-video-frame";
    video.parentNode.insertBefore(frame, video);
    frame.appendChild(video);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hvs-video-play";
    button.innerHTML = '<span class="hvs-video-play__icon" aria-hidden="true"></span>' +
      '<span class="hvs-video-play__text"><span class="hvs-sr">' + TEXT.watch + "</span>" +
      window.hvs.escapeHtml(text) + "</span>";
    frame.appendChild(button);
    // The native controls come back when the button goes: until then they would show under it.
    video.removeAttribute("controls");
    // Told once, in the button: the figcaption's own size line is for the page without script.
    var size = figure.querySelector(".hvs-video-size");
    if (size) size.hidden = true;
  }

  function askFirst(figure, button) {
    var line = document.createElement("p");
    line.className = "hvs-video-save-data";
    line.setAttribute("role", "status");
    figure.querySelector(".hvs-video-frame").insertAdjacentElement("afterend", line);
    // Written after the live region exists: screen readers announce changes, not new regions.
    line.textContent = TEXT.saveData + (megabytesOf(sizeText(figure)) || sizeText(figure)) + TEXT.saveDataEnd;
    button.querySelector(".hvs-video-play__text").textContent = TEXT.confirm + " · " + megabytesOf(sizeText(figure));
    figure.setAttribute("data-hvs-asked", "");
  }

  function play(figure) {
    var video = figure.querySelector("video");
    var button = figure.querySelector(".hvs-video-play");
    if (savingData() && !figure.hasAttribute("data-hvs-asked")) return askFirst(figure, button);
    var line = figure.querySelector(".hvs-video-save-data");
    if (line) line.parentNode.removeChild(line);
    video.setAttribute("controls", "");
    button.parentNode.removeChild(button);
    showCaptions(video);
    video.focus();
    var started = video.play();
    // Refused (a source no engine here plays): the native controls, back now, say so.
    if (started && started.catch) started.catch(function () {});
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".hvs-video-play");
    if (button) play(button.closest("[data-hvs-video]"));
  });
  // Captions on whenever a video plays (also when started from its own controls).
  document.addEventListener("play", function (event) {
    var playing = event.target;
    if (playing.closest && playing.closest("[data-hvs-video]")) showCaptions(playing);
    var media = document.querySelectorAll("video, audio");
    for (var i = 0; i < media.length; i++) {
      if (media[i] !== playing && !media[i].paused) media[i].pause();
    }
  }, true);  // media events do not bubble: caught on the way down

  // Paper shows the transcript: print.css opens it where the engine styles ::details-content;
  // older phones' engines need the <details> opened (and closed again after).
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details.hvs-transcript:not([open])");
    for (var i = 0; i < closed.length; i++) { closed[i].open = true; openedForPrint.push(closed[i]); }
  });
  window.addEventListener("afterprint", function () {
    while (openedForPrint.length) openedForPrint.pop().open = false;
  });

  function onPage() {
    var figures = document.querySelectorAll("[data-hvs-video]");
    for (var i = 0; i < figures.length; i++) setUp(figures[i]);
  }
  window.hvs.video = { savingData: savingData };
  window.hvs.ready(onPage);
})();
