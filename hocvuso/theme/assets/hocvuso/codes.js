/* hocvuso: progress codes, to move progress to another phone and to a volunteer's class page
   (class.js reads them: hvs.codes), and the progress page's transfer box (copy, file, QR code,
   import). The state is progress.js's (hvs.progress). Classic script, no requests. */
(function () {
  "use strict";

  var hvs = window.hvs, progress = hvs.progress, course = hvs.course;
  if (!progress) return;  // no course map, or no site root: progress.js did not start
  var load = progress.load, save = progress.save, today = progress.today;
  // HVS2 codes carry the learner (a random id made on this device, the name typed here) for a
  // volunteer's class page (class.js); HVS1 codes, from before, are still read everywhere.
  var CODE_PREFIX = "HVS2", OLD_PREFIX = "HVS1";
  // The build's values (hocvuso/pages/progress.py): the name field's limit, the code file's name.
  var NAME_LENGTH = hvs.shared.nameLength, FILE = hvs.shared.progressFile;

  // ---- Moving to another phone: a short code, or a file ----
  // Each quiz or bank id travels as a 5-character hash, so the code stays short and still
  // names lessons by their stable ids. The last 4 characters check that the code is whole.
  function hash(text, length) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return ("0000000" + h.toString(36)).slice(-length);
  }
  // Only what this course counts travels (a lesson's review quiz, a module's test): a quiz
  // passed elsewhere on the site (an example) would make the other phone call the code foreign.
  // HVS2.<learner id>.<name, base32 of UTF-8>.<5-char hash per lesson>.<per test: hash + 2 base-36
  // digits of best*2+passed>.<checksum>, in capitals: a QR code holds them in its compact
  // alphanumeric mode, and whatever a keyboard does to letter case or spaces changes nothing.
  function exportCode(state) {
    var known = {};
    var ids = knownIds();
    Object.keys(ids).forEach(function (key) { known[ids[key].id] = true; });
    var lessons = Object.keys(state.passed).filter(function (id) { return known[id]; }).sort()
      .map(function (id) { return hash(id, 5); }).join("");
    var tests = Object.keys(state.tests).filter(function (id) { return known[id]; }).sort().map(function (id) {
      var result = state.tests[id];
      return hash(id, 5) + ("0" + (Math.min(100, result.best) * 2 + (result.passed ? 1 : 0)).toString(36)).slice(-2);
    }).join("");
    var own = learner(state);
    var body = [own.id, nameToCode(own.name || ""), lessons, tests].join(".");
    return (CODE_PREFIX + "." + body + "." + hash(body, 4)).toUpperCase();
  }
  // The learner this device's progress belongs to: an id made here once, and an optional name.
  function learner(state) {
    var own = state.learner && typeof state.learner === "object" ? state.learner : (state.learner = {});
    if (!/^[0-9a-z]{6}$/.test(own.id || "")) {
      own.id = newId();
      save(state);
    }
    return own;
  }
  function newId() {
    var bytes = new Uint8Array(6), id = "";
    try { window.crypto.getRandomValues(bytes); } catch (e) {
      for (var j = 0; j < bytes.length; j++) bytes[j] = Math.floor(Math.random() * 256);
    }
    for (var i = 0; i < bytes.length; i++) id += BASE36.charAt(bytes[i] % 36);
    return id;
  }
  function cleanName(name) {
    return String(name || "").normalize("NFC").replace(/\s+/g, " ").trim().slice(0, NAME_LENGTH);
  }
  // A name in a code: base32 ("0-9a-v") of its UTF-8 bytes, which survives spaces being
  // removed and letters changing case, and stays in the QR code's alphanumeric mode.
  var BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
  function nameToCode(name) {
    var bytes = new TextEncoder().encode(name), out = "", value = 0, bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      value = (value << 8) | bytes[i];
      bits += 8;
      while (bits >= 5) { bits -= 5; out += BASE36.charAt((value >>> bits) & 31); }
      value &= (1 << bits) - 1;
    }
    return bits ? out + BASE36.charAt((value << (5 - bits)) & 31) : out;
  }
  // The name, or null when the text is not a name this page wrote.
  function codeToName(text) {
    var bytes = [], value = 0, bits = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = BASE36.indexOf(text.charAt(i));
      if (digit < 0 || digit > 31) return null;
      value = (value << 5) | digit;
      bits += 5;
      if (bits >= 8) { bits -= 8; bytes.push((value >>> bits) & 255); }
      value &= (1 << bits) - 1;
    }
    if (value) return null;  // the padding bits of the last digit are zero
    try { return cleanName(new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes))); } catch (e) { return null; }
  }
  function knownIds() {
    var ids = {};
    course.modules.forEach(function (module) {
      module.lessons.forEach(function (lesson) { ids[hash(lesson.quiz, 5)] = { kind: "quiz", id: lesson.quiz }; });
      if (module.test) ids[hash(module.test.bank, 5)] = { kind: "test", id: module.test.bank };
    });
    return ids;
  }
  var NOT_OURS = "Đây không phải mã tiến độ của trang học này. Mã đúng bắt đầu bằng “HVS”.";
  var DAMAGED = "Mã bị thiếu hoặc sai một vài chữ. Bạn hãy chép lại cả mã, từ đầu đến cuối.";
  // Returns { state, learner } for a code (learner: { id, name } in an HVS2 code, else null),
  // or { error } with a message saying why it cannot be used.
  function readCode(code) {
    // Whatever the phone's keyboard did to capitals and spaces: codes are read in lower case.
    var text = String(code || "").replace(/\s+/g, "").toLowerCase();
    var pieces = text.split(".");
    var prefix = pieces[0].toUpperCase();
    if ((prefix !== CODE_PREFIX && prefix !== OLD_PREFIX) || pieces.length < 2) return { error: NOT_OURS };
    var check = pieces.pop(), body = pieces.slice(1).join(".");
    if (hash(body, 4) !== check) return { error: DAMAGED };
    var items = [], person = null;
    if (prefix === OLD_PREFIX) {
      items = body ? body.split(".") : [];
    } else {
      var fields = pieces.slice(1), name = fields.length === 4 ? codeToName(fields[1]) : null;
      if (name === null || !/^[0-9a-z]{6}$/.test(fields[0]) || !/^([0-9a-z]{5})*$/.test(fields[2]) ||
          !/^([0-9a-z]{7})*$/.test(fields[3])) return { error: DAMAGED };
      person = { id: fields[0], name: name };
      items = (fields[2].match(/.{5}/g) || []).concat((fields[3].match(/.{7}/g) || []).map(function (test) {
        var value = parseInt(test.slice(5), 36);  // best*2 + passed, as an HVS1 item: "<hash>-<best><d|k>"
        return test.slice(0, 5) + "-" + (value >> 1) + (value & 1 ? "d" : "k");
      }));
    }
    var ids = knownIds(), state = progress.emptyState(), unknown = 0;
    for (var i = 0; i < items.length; i++) {
      var match = /^([0-9a-z]{5})(?:-(\d{1,3})([dk]))?$/.exec(items[i]);
      if (!match || +match[2] > 100) return { error: DAMAGED };
      var known = ids[match[1]];
      if (!known) { unknown++; continue; }
      if (known.kind === "quiz" && !match[2]) state.passed[known.id] = today();
      else if (known.kind === "test" && match[2]) state.tests[known.id] = { best: +match[2], passed: match[3] === "d", date: today() };
    }
    if (items.length && unknown === items.length) return { error: "Mã này là của một khoá học khác, nên không dùng được ở đây." };
    return { state: state, learner: person };
  }
  // Importing adds to what is on this phone; nothing done here is lost. A phone with nothing of
  // its own yet becomes the same learner (their id, so a volunteer's list still knows them).
  function merge(incoming, person) {
    var state = load();
    var own = state.learner && typeof state.learner === "object" ? state.learner : (state.learner = {});
    if (person) {
      var fresh = !Object.keys(state.passed).length && !Object.keys(state.tests).length && !own.name;
      if (fresh || !own.id) own.id = person.id;
      if (person.name && !own.name) own.name = person.name;
    }
    Object.keys(incoming.passed).forEach(function (id) { if (!state.passed[id]) state.passed[id] = incoming.passed[id]; });
    Object.keys(incoming.tests).forEach(function (id) {
      var result = incoming.tests[id];
      progress.recordTestInto(state, id, result);
    });
    save(state);
  }

  function progressPage(state) {
    var box = document.querySelector("[data-hvs-transfer]");
    if (!box) return;
    var codeField = box.querySelector("[data-hvs-code]"), message = box.querySelector("[data-hvs-message]");
    var nameField = box.querySelector("[data-hvs-learner-name]");
    codeField.value = exportCode(state);  // again after an import: the code holds what was added
    drawQr(box.querySelector("[data-hvs-qr]"), codeField.value);
    if (nameField && document.activeElement !== nameField) nameField.value = state.learner.name || "";
    if (box.hvsReady) return;
    box.hvsReady = true;
    box.addEventListener("input", function (event) {
      if (event.target !== nameField) return;
      var current = load();
      learner(current).name = cleanName(nameField.value);
      save(current);
      progressPage(current);
    });
    box.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-hvs-action]");
      if (!button) return;
      var action = button.getAttribute("data-hvs-action");
      if (action === "copy" || action === "download") codeSaved();
      if (action === "copy") {
        codeField.focus();
        codeField.select();
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
        message.textContent = copied ? "Đã chép mã. Bạn dán mã này vào trang “Tiến độ học” trên máy kia." :
          "Mã đã được chọn sẵn: bạn giữ ngón tay lên ô mã rồi chọn “Sao chép”.";
      } else if (action === "download") {
        var blob = new Blob([codeField.value + "\n"], { type: "text/plain" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = FILE;
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        message.textContent = "Đã lưu tệp “" + FILE + "”. Bạn gửi tệp này sang máy kia rồi mở trang “Tiến độ học” ở đó.";
      } else if (action === "import") {
        useCode(box.querySelector("[data-hvs-import]").value, message);
      }
    });
    box.addEventListener("change", function (event) {
      if (!event.target.matches || !event.target.matches("[data-hvs-file]") || !event.target.files[0]) return;
      var reader = new FileReader(), input = event.target;
      // Emptied once read: choosing the same file again (after fixing it) is read again.
      reader.onload = function () { input.value = ""; useCode(String(reader.result), message); };
      reader.onerror = function () { message.textContent = "Không đọc được tệp này. Bạn thử chọn lại tệp “" + FILE + "”."; };
      reader.readAsText(event.target.files[0]);
    });
  }
  function codeSaved() {
    var state = load();
    if (state.codeSaved) return;
    state.codeSaved = today();
    save(state);
  }
  function useCode(code, message) {
    var result = readCode(code);
    if (result.error) {
      message.textContent = result.error + " Tiến độ trên máy này vẫn giữ nguyên.";
      return;
    }
    merge(result.state, result.learner);
    var lessons = Object.keys(result.state.passed).length;
    message.textContent = "Đã nhập xong: " + lessons + " bài đã học và " + Object.keys(result.state.tests).length +
      " bài kiểm tra. Tiến độ cũ trên máy này vẫn được giữ.";
    progress.update();
  }

  // The code as a QR code (vendored qrcodegen, loaded by the progress page only): an SVG, sharp
  // at any size, black on white whatever the reading colours, with a quiet zone of 4 modules.
  function drawQr(box, code) {
    if (!box || !window.qrcodegen || box.hvsCode === code) return;
    var QrCode = window.qrcodegen.QrCode, qr = QrCode.encodeText(code, QrCode.Ecc.LOW);
    var border = 4, size = qr.size + 2 * border, path = "";
    for (var y = 0; y < qr.size; y++) {
      for (var x = 0; x < qr.size; x++) if (qr.getModule(x, y)) path += "M" + (x + border) + " " + (y + border) + "h1v1h-1z";
    }
    box.innerHTML = '<svg viewBox="0 0 ' + size + " " + size + '" role="img" aria-label="Mã QR của mã tiến độ" ' +
      'shape-rendering="crispEdges"><rect width="' + size + '" height="' + size + '" fill="#fff"/>' +
      '<path fill="#000" d="' + path + '"/></svg>';
    box.hvsCode = code;
  }

  progress.onUpdate(progressPage);
  hvs.codes = { exportCode: function () { return exportCode(load()); }, readCode: readCode, cleanName: cleanName };
})();
