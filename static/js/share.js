// The share links on an article page, enhanced: the browser's own share sheet (Web Share API)
// where there is one, and "Copy link" instead of the permalink where the Clipboard API is. Without
// JavaScript the plain links work as they are.
(function () {
  "use strict";
  var section = document.querySelector(".share");
  if (!section) return;
  var url = section.getAttribute("data-share-url");
  var title = section.getAttribute("data-share-title");
  var list = section.querySelector(".share__list");
  var status = section.querySelector(".share__status");

  function button(label, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "share__link " + className;
    element.textContent = label;
    var item = document.createElement("li");
    item.appendChild(element);
    return { button: element, item: item };
  }

  if (navigator.share) {
    var native = button("Share…", "share__link--native");
    native.button.addEventListener("click", function () {
      navigator.share({ title: title, url: url }).catch(function () { /* dismissed: nothing to do */ });
    });
    list.insertBefore(native.item, list.firstChild);
  }

  var permalink = section.querySelector("[data-share-copy]");
  if (permalink && navigator.clipboard && window.isSecureContext) {
    var copy = button("Copy link", "share__link--copy");
    copy.button.addEventListener("click", function () {
      status.textContent = "";
      navigator.clipboard.writeText(url).then(
        function () { status.textContent = "Link copied to the clipboard."; },
        function () { status.textContent = "Could not copy; use the permalink."; }
      );
    });
    permalink.parentNode.replaceWith(copy.item);
  }
})();
