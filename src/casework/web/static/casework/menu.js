// The site menu folds behind a "Menu" button on narrow screens (see casework.css).
(function () {
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-nav");
  if (!button || !menu) return;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
  });
})();
