/*
 * Follow-along mode for step lists (<ol data-follow-along>): one step at a time with a
 * timer from the step's data-min-seconds / data-max-seconds. Without JavaScript the page is
 * the plain numbered list; this script only adds the "Follow along" button and the panel.
 *
 * Keys while following: Left/Right arrows for previous/next step, Space to pause or resume,
 * Escape to leave. The screen reader hears each step change, and the timer only at whole
 * minutes, at 30 and 10 seconds left and when time is up (never every second).
 */
(function () {
    "use strict";

    var TICK_MS = 250;
    var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

    function el(tag, className, text) {
        var node = document.createElement(tag);
        if (className) node.className = className;
        if (text) node.textContent = text;
        return node;
    }

    function clock(seconds) {
        var s = Math.max(0, Math.ceil(seconds));
        var minutes = Math.floor(s / 60);
        var rest = s % 60;
        return minutes + ":" + (rest < 10 ? "0" : "") + rest;
    }

    function spoken(seconds) {
        // Rounded up, as the clock shows it: "10 seconds left" while it reads 0:10.
        var s = Math.max(0, Math.ceil(seconds));
        var minutes = Math.floor(s / 60);
        var rest = s % 60;
        var parts = [];
        if (minutes) parts.push(minutes + (minutes === 1 ? " minute" : " minutes"));
        if (rest || !minutes) parts.push(rest + (rest === 1 ? " second" : " seconds"));
        return parts.join(" ");
    }

    function stepData(item) {
        var name = item.querySelector(".step__name");
        var max = parseInt(item.getAttribute("data-max-seconds"), 10);
        var min = parseInt(item.getAttribute("data-min-seconds"), 10);
        return {
            item: item,
            name: name ? name.textContent.trim() : "",
            min: isNaN(min) ? null : min,
            max: isNaN(max) ? null : max,
        };
    }

    function FollowAlong(list, index) {
        this.list = list;
        this.steps = Array.prototype.map.call(list.querySelectorAll(":scope > li"), stepData);
        this.id = "follow-along-" + index;
        this.current = 0;
        this.remaining = null;
        this.running = false;
        this.timer = null;
        this.lastTick = null;
        this.announcedAt = null;
        this.onKey = this.onKey.bind(this);
        this.tick = this.tick.bind(this);
        this.addStartButton();
    }

    FollowAlong.prototype.addStartButton = function () {
        var label = this.list.getAttribute("data-follow-label") || "Follow along";
        this.start = el("button", "button follow-along__start", label);
        this.start.type = "button";
        this.start.addEventListener("click", this.open.bind(this));
        this.list.parentNode.insertBefore(this.start, this.list);
    };

    FollowAlong.prototype.build = function () {
        var panel = el("section", "follow-along");
        panel.id = this.id;
        panel.setAttribute("aria-label", "Follow along, one step at a time");
        panel.hidden = true;

        this.progressText = el("p", "follow-along__progress");
        this.heading = el("h3", "follow-along__name");
        this.heading.tabIndex = -1;
        this.body = el("div", "follow-along__body");

        var timerBox = el("div", "follow-along__timer");
        this.timeText = el("p", "follow-along__time");
        this.timeText.setAttribute("aria-hidden", "true");
        this.bar = el("progress", "follow-along__bar");
        this.bar.setAttribute("aria-hidden", "true");
        this.noTime = el("p", "follow-along__no-time", "No set time: move on when you are ready.");
        timerBox.append(this.timeText, this.bar, this.noTime);

        var controls = el("div", "follow-along__controls");
        this.prevButton = this.button("Previous step", "follow-along__prev", this.previous);
        this.pauseButton = this.button("Pause", "follow-along__pause", this.togglePause);
        this.nextButton = this.button("Next step", "follow-along__next", this.next);
        this.exitButton = this.button("Leave follow-along", "follow-along__exit", this.close);
        controls.append(this.prevButton, this.pauseButton, this.nextButton, this.exitButton);

        var autoLabel = el("label", "follow-along__auto");
        this.autoNext = el("input");
        this.autoNext.type = "checkbox";
        this.autoNext.checked = true;
        autoLabel.append(this.autoNext, document.createTextNode(" Go to the next step when time is up"));

        var keys = el(
            "p",
            "follow-along__keys",
            "Keys: left and right arrows change step, Space pauses or resumes, Escape leaves."
        );

        // Polite, and written only on step changes and at a few moments of the timer.
        this.live = el("p", "visually-hidden follow-along__live");
        this.live.setAttribute("aria-live", "polite");
        this.live.setAttribute("aria-atomic", "true");

        panel.append(this.progressText, this.heading, this.body, timerBox, controls, autoLabel, keys, this.live);
        this.list.parentNode.insertBefore(panel, this.list);
        this.panel = panel;
        // Only now does the panel exist: aria-controls naming a missing id is invalid (axe).
        this.start.setAttribute("aria-controls", this.id);
    };

    FollowAlong.prototype.button = function (text, className, handler) {
        var button = el("button", "button button--secondary " + className, text);
        button.type = "button";
        button.addEventListener("click", handler.bind(this));
        return button;
    };

    FollowAlong.prototype.open = function () {
        if (!this.panel) this.build();
        this.panel.hidden = false;
        this.list.hidden = true;
        this.start.hidden = true;
        this.start.setAttribute("aria-expanded", "true");
        document.addEventListener("keydown", this.onKey);
        this.show(0, "Follow-along started. ");
        this.heading.focus();
        this.panel.scrollIntoView({ behavior: reducedMotion && reducedMotion.matches ? "auto" : "smooth", block: "start" });
    };

    FollowAlong.prototype.close = function () {
        this.stop();
        this.panel.hidden = true;
        this.list.hidden = false;
        this.start.hidden = false;
        this.start.setAttribute("aria-expanded", "false");
        document.removeEventListener("keydown", this.onKey);
        // Back to where the reader was, on the item they were following.
        var item = this.steps[this.current].item;
        item.classList.add("step--followed");
        this.start.focus();
    };

    FollowAlong.prototype.show = function (index, prefix) {
        this.stop();
        this.current = index;
        var step = this.steps[index];
        var total = this.steps.length;
        this.steps.forEach(function (s) { s.item.classList.remove("step--followed"); });
        this.progressText.textContent = "Step " + (index + 1) + " of " + total;
        this.heading.textContent = step.name;
        this.body.replaceChildren();
        Array.prototype.forEach.call(step.item.children, function (child) {
            if (!child.classList.contains("step__name")) this.body.append(child.cloneNode(true));
        }, this);
        // Cloned ids would be duplicates on the page.
        this.body.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
        this.prevButton.disabled = index === 0;
        this.nextButton.textContent = index === total - 1 ? "Finish" : "Next step";

        var message = (prefix || "") + "Step " + (index + 1) + " of " + total + ": " + step.name + ".";
        if (step.max) {
            this.remaining = step.max;
            this.bar.max = step.max;
            this.bar.value = 0;
            this.bar.hidden = false;
            this.timeText.hidden = false;
            this.noTime.hidden = true;
            this.pauseButton.hidden = false;
            this.render();
            message += " Timer " + spoken(step.max) + (step.min && step.min < step.max ? ", at least " + spoken(step.min) : "") + ".";
            this.announcedAt = step.max;
            this.resume();
        } else {
            this.remaining = null;
            this.bar.hidden = true;
            this.timeText.hidden = true;
            this.noTime.hidden = false;
            this.pauseButton.hidden = true;
            message += " No set time.";
        }
        this.say(message);
    };

    FollowAlong.prototype.render = function () {
        var step = this.steps[this.current];
        this.timeText.textContent = clock(this.remaining) + (this.running || this.remaining <= 0 ? "" : " (paused)");
        this.bar.value = step.max - this.remaining;
        this.pauseButton.textContent = this.running ? "Pause" : "Resume";
        this.pauseButton.setAttribute("aria-pressed", this.running ? "false" : "true");
    };

    FollowAlong.prototype.resume = function () {
        if (this.remaining === null || this.remaining <= 0 || this.running) return;
        this.running = true;
        this.lastTick = Date.now();
        this.timer = window.setInterval(this.tick, TICK_MS);
        this.render();
    };

    FollowAlong.prototype.stop = function () {
        if (this.timer) window.clearInterval(this.timer);
        this.timer = null;
        this.running = false;
    };

    FollowAlong.prototype.togglePause = function () {
        if (this.remaining === null || this.remaining <= 0) return;
        if (this.running) {
            this.stop();
            this.render();
            this.say("Paused, " + spoken(this.remaining) + " left.");
        } else {
            this.resume();
            this.say("Resumed, " + spoken(this.remaining) + " left.");
        }
    };

    FollowAlong.prototype.tick = function () {
        var now = Date.now();
        this.remaining -= (now - this.lastTick) / 1000;
        this.lastTick = now;
        var step = this.steps[this.current];
        if (this.remaining <= 0) {
            this.remaining = 0;
            this.stop();
            this.render();
            this.timeUp();
            return;
        }
        this.render();
        var left = Math.ceil(this.remaining);
        // Announce at whole minutes, 30 s, 10 s and when the shortest time is reached.
        var moments = [30, 10];
        if (step.min && step.min < step.max) moments.push(step.max - step.min);
        var due = left < this.announcedAt && (left % 60 === 0 || moments.indexOf(left) !== -1);
        if (due) {
            this.announcedAt = left;
            if (step.min && step.min < step.max && left === step.max - step.min) {
                this.say("Shortest time done; carry on for up to " + spoken(left) + " more, or move on.");
            } else {
                this.say(spoken(left) + " left.");
            }
        }
    };

    FollowAlong.prototype.timeUp = function () {
        var last = this.current === this.steps.length - 1;
        if (this.autoNext.checked && !last) {
            this.show(this.current + 1, "Time is up. ");
        } else {
            this.say("Time is up for this step." + (last ? " That was the last step." : " Press Next step when ready."));
        }
    };

    FollowAlong.prototype.next = function () {
        if (this.current < this.steps.length - 1) {
            this.show(this.current + 1);
        } else {
            this.stop();
            this.say("All " + this.steps.length + " steps done.");
            this.close();
        }
    };

    FollowAlong.prototype.previous = function () {
        if (this.current > 0) {
            this.show(this.current - 1);
            if (this.current === 0) this.heading.focus();
        }
    };

    FollowAlong.prototype.say = function (text) {
        this.live.textContent = text;
    };

    FollowAlong.prototype.onKey = function (event) {
        if (this.panel.hidden || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
        var target = event.target;
        var inField = target.closest && target.closest("input, textarea, select, [contenteditable]");
        var onButton = target.closest && target.closest("button, a");
        if (event.key === "Escape") {
            event.preventDefault();
            this.close();
        } else if (inField) {
            return;
        } else if (event.key === "ArrowRight") {
            event.preventDefault();
            this.next();
        } else if (event.key === "ArrowLeft") {
            event.preventDefault();
            this.previous();
        } else if ((event.key === " " || event.key === "Spacebar") && !onButton) {
            event.preventDefault();
            this.togglePause();
        }
    };

    function init() {
        document.querySelectorAll("ol[data-follow-along]").forEach(function (list, index) {
            if (list.querySelector(":scope > li")) new FollowAlong(list, index + 1);
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
