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

// The header's search box finds the guides; its first result carries the query to /courses/.
(function () {
  "use strict";
  function init() {
    var input = document.querySelector(".md-search__input");
    var link = document.querySelector("[data-mc-search-courses]");
    if (!input || !link) { return; }
    var base = link.getAttribute("href");
    function update() {
      var words = input.value.trim();
      link.setAttribute("href", words ? base + "?query=" + encodeURIComponent(words) : base);
      link.textContent = words ? "Search courses for \u201c" + words + "\u201d \u2192" : "Search all courses on the \u201cFind a course\u201d page \u2192";
    }
    input.addEventListener("input", update);
    update();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
