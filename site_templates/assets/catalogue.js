// Language switch on fact sheets: show one language of each multilingual text at a time.
// Without JavaScript every language stays visible, each marked with its lang attribute.
(function () {
  "use strict";
  function show(root, lang) {
    var texts = root.querySelectorAll("[data-ml]");
    for (var i = 0; i < texts.length; i++) {
      var group = texts[i].parentNode.querySelectorAll(":scope > [data-ml]");
      var has = false;
      for (var j = 0; j < group.length; j++) { if (group[j].getAttribute("data-ml") === lang) { has = true; } }
      texts[i].hidden = has ? texts[i].getAttribute("data-ml") !== lang : texts[i] !== group[0];
    }
    var buttons = root.querySelectorAll(".mc-lang-switch [data-lang]");
    for (var k = 0; k < buttons.length; k++) {
      var on = buttons[k].getAttribute("data-lang") === lang;
      buttons[k].setAttribute("aria-pressed", on ? "true" : "false");
      buttons[k].classList.toggle("md-button--primary", on);
    }
  }
  function init() {
    var root = document.querySelector(".mc-course");
    var bar = root && root.querySelector(".mc-lang-switch");
    if (!bar) { return; }
    document.documentElement.classList.add("js");
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-lang]");
      if (button) { show(root, button.getAttribute("data-lang")); }
    });
    show(root, bar.getAttribute("data-default"));
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();

// The header's search box (partials/search.html) asks /courses/. On a phone it opens over the
// page from the magnifier: the box takes the focus then, and Escape closes it.
(function () {
  "use strict";
  function init() {
    var toggle = document.getElementById("__search");
    var input = document.querySelector(".md-search__input");
    if (!toggle || !input) { return; }
    toggle.addEventListener("change", function () { if (toggle.checked) { input.focus(); } });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) { toggle.checked = false; input.blur(); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
