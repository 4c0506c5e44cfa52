// Live feedback on a new personal PIN (SPEC §3): which rules the typed PIN meets and how guessable it is.
// Progressive enhancement: the rules are written on the page and checked by the server; this only shows
// them as the holder types. Texts come from the meter's data-* attributes, in the page's language.
(function () {
  'use strict';
  var input = document.getElementById('new_pin');
  var meter = document.getElementById('pin-strength');
  if (!input || !meter) return;

  function hasRun(pin) {
    for (var i = 0; i + 2 < pin.length; i++) {
      var a = pin.charCodeAt(i), b = pin.charCodeAt(i + 1), c = pin.charCodeAt(i + 2);
      if ((a === b && b === c) || (b - a === 1 && c - b === 1) || (a - b === 1 && b - c === 1)) return true;
    }
    return false;
  }

  function distinct(pin) {
    var seen = {};
    for (var i = 0; i < pin.length; i++) seen[pin.charAt(i).toUpperCase()] = true;
    return Object.keys(seen).length;
  }

  function assess(pin) {
    var rules = [];
    if (pin.length !== 8) rules.push(meter.dataset.length);
    if (!/^[A-Za-z0-9]*$/.test(pin)) rules.push(meter.dataset.characters);
    if (!/[A-Za-z]/.test(pin) || !/[0-9]/.test(pin)) rules.push(meter.dataset.mix);
    if (rules.length) return { level: 'danger', text: rules.join(' ') };
    if (hasRun(pin) || distinct(pin) < 5) return { level: 'warning', text: meter.dataset.weak };
    if (distinct(pin) < 7) return { level: 'info', text: meter.dataset.fair };
    return { level: 'success', text: meter.dataset.strong };
  }

  input.addEventListener('input', function () {
    if (!input.value) { meter.hidden = true; return; }
    // The server drops spaces and dashes typed between groups (core/typed_code.h): so does the hint.
    var verdict = assess(input.value.replace(/[\s\u00A0\u2007\u202F\u200B\u2060\uFEFF\u00AD\u2010-\u2015\u2212\uFE63\uFF0D-]/g, ''));
    meter.textContent = verdict.text;
    meter.className = 'pin-strength text-' + verdict.level;
    meter.hidden = false;
  });
})();
