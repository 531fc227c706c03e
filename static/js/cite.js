// "Copy" buttons for the citations on an article page. Without JavaScript (or without the
// Clipboard API) the citations are still there to select and copy by hand.
(function () {
  "use strict";
  var COPIED_FOR_MS = 2000;
  if (!navigator.clipboard || !window.isSecureContext) return;
  var section = document.querySelector(".cite");
  if (!section) return;
  var status = section.querySelector(".cite__status");
  section.querySelectorAll("[data-citation]").forEach(function (style) {
    var text = style.querySelector(".cite__text");
    var label = style.getAttribute("data-citation");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite__copy";
    button.textContent = "Copy " + label;
    var restore;
    button.addEventListener("click", function () {
      status.textContent = "";
      navigator.clipboard.writeText(text.textContent.trim()).then(
        function () {
          // Seen on the button, heard from the status region; then the button is ready again.
          status.textContent = label + " citation copied to the clipboard.";
          button.textContent = "Copied";
          clearTimeout(restore);
          restore = setTimeout(function () { button.textContent = "Copy " + label; }, COPIED_FOR_MS);
        },
        function () { status.textContent = "Could not copy; select the " + label + " citation and copy it."; }
      );
    });
    text.after(button);
  });
})();
