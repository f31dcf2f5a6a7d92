/*
 * The reflexology hand map (templates/reflexology/hand_map.html): shows the hidden SVG map
 * and makes its zones choosable by click, Enter or Space; arrow keys (and Home/End) move
 * between zones with one tab stop for the whole map. Without JavaScript the map stays hidden
 * and the points table is the page's map.
 */
(function () {
    "use strict";

    function HandMap(root) {
        this.root = root;
        this.zones = Array.prototype.slice.call(root.querySelectorAll(".hand-map__zone"));
        this.prompt = root.querySelector("[data-hand-map-prompt]");
        this.zones.forEach(function (zone, index) {
            zone.addEventListener("click", this.choose.bind(this, index));
            zone.addEventListener("keydown", this.onKey.bind(this, index));
        }, this);
        root.hidden = false;
    }

    HandMap.prototype.choose = function (index) {
        this.zones.forEach(function (zone, i) {
            var chosen = i === index;
            zone.setAttribute("aria-pressed", chosen ? "true" : "false");
            zone.setAttribute("tabindex", chosen ? "0" : "-1");
            zone.classList.toggle("is-chosen", chosen);
            var detail = document.getElementById(zone.getAttribute("aria-controls"));
            if (detail) detail.hidden = !chosen;
        });
        if (this.prompt) this.prompt.hidden = true;
    };

    HandMap.prototype.move = function (index) {
        var count = this.zones.length;
        var target = (index + count) % count;
        this.choose(target);
        this.zones[target].focus();
    };

    HandMap.prototype.onKey = function (index, event) {
        var keys = {
            ArrowRight: index + 1,
            ArrowDown: index + 1,
            ArrowLeft: index - 1,
            ArrowUp: index - 1,
            Home: 0,
            End: this.zones.length - 1,
        };
        if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
            event.preventDefault();
            this.choose(index);
        } else if (Object.prototype.hasOwnProperty.call(keys, event.key)) {
            event.preventDefault();
            this.move(keys[event.key]);
        }
    };

    function init() {
        document.querySelectorAll("[data-hand-map]").forEach(function (root) {
            new HandMap(root);
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
