/* Site header on phones: the search form folds behind a "Search" button.
   Without this script the form is simply shown; the CSS folds it only when the header
   carries .site-header--enhanced, which this script sets. */
(function () {
    "use strict";
    var header = document.querySelector(".site-header");
    var toggle = header && header.querySelector(".site-search-toggle");
    var form = header && document.getElementById("site-search");
    if (!toggle || !form) {
        return;
    }
    var input = form.querySelector("input[type='search']");

    function setOpen(open, focus) {
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        form.classList.toggle("is-open", open);
        if (open && focus && input) {
            input.focus();
        }
    }

    toggle.hidden = false;
    header.classList.add("site-header--enhanced");
    // A reader who has typed a query (results page) keeps the form open.
    setOpen(Boolean(input && input.value), false);

    toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true", true);
    });
    form.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.offsetParent !== null) {
            setOpen(false, false);
            toggle.focus();
        }
    });
})();
