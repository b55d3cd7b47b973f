/* Keyboard focus kept across a page's redraw. A filter or "Nästa ›" rewrites the address, the
   page is drawn anew from it, and the control that had focus was replaced (or disabled while
   its callback ran): focus fell back to the document, and a keyboard user tabbed 85 times to
   reach "Nästa ›" again (QA, 2026-12-07). When the focused control leaves the document or is
   disabled, the control with its id (for a dropdown, its first focusable part; for "Nästa ›"
   disabled on the last page, "‹ Föregående") gets focus back, without scrolling: the pager's own callback scrolls to the
   table's top. Not when focus left because of a click elsewhere, nor once anything else has
   focus, nor more than a few seconds later. */
(function () {
  var FOCUSABLE = "button, a[href], input, select, textarea, [tabindex]";
  var lost = null;  // {id, at}: the control whose redraw took focus away
  function owner(el) {
    while (el && el !== document.body && el !== document.documentElement) {
      if (el.id) { return el; }
      el = el.parentElement;
    }
    return null;
  }
  document.addEventListener("focusin", function () { lost = null; }, true);
  document.addEventListener("focusout", function (e) {
    var el = owner(e.target);
    if (!el || e.relatedTarget) { return; }  // focus moved to another control: the user's
    var control = e.target;
    setTimeout(function () {  // removed or disabled by now, or blurred by a click elsewhere
      if (!control.isConnected || control.disabled) {
        lost = { id: el.id, at: Date.now() };
        restore();  // the new control may be there already
      }
    }, 0);
  }, true);
  function restore() {
    if (!lost) { return; }
    if (Date.now() - lost.at > 5000) { lost = null; return; }
    var active = document.activeElement;
    if (active && active !== document.body) { lost = null; return; }
    var el = document.getElementById(lost.id);
    if (!el) { return; }  // the new page is not drawn yet
    var target = el.matches(FOCUSABLE) ? el : el.querySelector(FOCUSABLE);
    if (target && target.disabled && el.parentElement) {
      // "Nästa ›" on the last page: its neighbour in the pager, "‹ Föregående"
      var others = el.parentElement.querySelectorAll(FOCUSABLE);
      for (var i = 0; i < others.length; i++) {
        if (!others[i].disabled) { target = others[i]; break; }
      }
    }
    if (!target || target.disabled) { return; }
    target.focus({ preventScroll: true });
  }
  new MutationObserver(restore).observe(document.documentElement,
    { childList: true, subtree: true, attributes: true, attributeFilter: ["disabled"] });
})();
