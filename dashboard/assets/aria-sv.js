/* Swedish names, for screen readers, of the buttons Dash's date picker labels in English
   ("Previous month", "Next month", and the month and year steppers): a QA pass heard them in
   English on an otherwise Swedish page. Each label is set once, as the picker draws it; an
   English page (<html lang="en">) keeps Dash's own. */
(function () {
  var sv = {
    "Previous month": "Föregående månad",
    "Next month": "Nästa månad",
    "Decrease value": "Minska",
    "Increase value": "Öka"
  };
  function translate(el) {
    var swedish = sv[el.getAttribute("aria-label")];
    if (swedish) { el.setAttribute("aria-label", swedish); }
  }
  function within(node) {
    if (node.nodeType !== 1 || document.documentElement.lang === "en") { return; }
    if (node.hasAttribute("aria-label")) { translate(node); }
    var labelled = node.querySelectorAll("[aria-label]");
    for (var i = 0; i < labelled.length; i++) { translate(labelled[i]); }
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === "attributes") { within(change.target); }
      change.addedNodes.forEach(within);
    });
  }).observe(document.documentElement,
    { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] });
})();
