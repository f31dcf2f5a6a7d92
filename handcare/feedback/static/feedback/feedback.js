// Reader feedback (handcare/feedback): the form works as plain HTML; this only stops a second
// post when a reader presses a button twice while the first is on its way.
(function () {
  "use strict";
  document.querySelectorAll("[data-feedback] form").forEach(function (form) {
    var sent = false;
    form.addEventListener("submit", function (event) {
      if (sent) {
        event.preventDefault();
        return;
      }
      sent = true;
      form.setAttribute("aria-busy", "true");
    });
  });
})();
