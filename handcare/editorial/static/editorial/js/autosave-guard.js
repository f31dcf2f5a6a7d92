/*
 * Keep Wagtail's background autosave out of the way of deliberate submissions of the editor.
 *
 * Wagtail's autosave (the w-autosave controller) posts the whole editor form in the background
 * about a second after the form data last changed. Three things raced it:
 *
 * - workflow-action.js adds hidden "action-workflow-action" / "workflow-action-name" inputs to the
 *   form and submits it; the form data has changed, so an autosave followed with those inputs and
 *   performed the reviewer's approval a second time (or, after the approval, saved a revision by
 *   the reviewer);
 * - a submission sent while an autosave was still on its way posted stale data: inline rows
 *   without the ids the autosave was about to hand back (a second copy of each new reference),
 *   the create URL for a page the autosave had just created (its slug "already in use");
 * - an autosave that reached the server after "Save draft" saved a revision the reloaded editor
 *   never saw ("You saved a new version in another window").
 *
 * So: once the form is submitted, autosave stops, a pending autosave is cancelled, and the
 * submission waits for an autosave already on its way. Choosing a workflow action pauses autosave
 * until its dialog closes. Wagtail refuses any autosave that still carries an action (see
 * handcare/editorial/wagtail_hooks.py).
 */
(() => {
  const ACTION_INPUTS = [
    'action-publish',
    'action-submit',
    'action-restart-workflow',
    'action-cancel-workflow',
    'action-workflow-action',
    'workflow-action-name',
  ];

  function guard(form) {
    if (form.dataset.handcareAutosaveGuard) return;
    form.dataset.handcareAutosaveGuard = 'watching';

    const nativeSubmit = HTMLFormElement.prototype.submit;
    let pendingSave = null; // the last w-autosave:save event, possibly still in its debounce
    let stopped = false;
    let pausedForDialog = false;

    const autosave = () =>
      window.wagtail?.app?.getControllerForElementAndIdentifier(form, 'w-autosave') || null;

    const inFlight = () => autosave()?.submitPromise || null;

    // Wagtail's editing-session controller stops pinging when an autosave starts (w-autosave:save)
    // and starts again when it succeeds or fails. A save cancelled here does neither, so without
    // this the pings stopped for good, and with them the notice that someone saved a newer version.
    function resumePings() {
      const element = document.querySelector('[data-controller~="w-session"]');
      const session =
        element && window.wagtail?.app?.getControllerForElementAndIdentifier(element, 'w-session');
      if (session && !session.activeValue) session.resume();
    }

    function hold() {
      const controller = autosave();
      if (controller) controller.activeValue = false;
      // A save waiting for its debounce checks defaultPrevented before it sends anything.
      if (pendingSave) {
        pendingSave.preventDefault();
        // Once that save has returned (cancelled, or sent if its debounce had already run out;
        // then Wagtail resumed the pings itself); not sooner, or a ping could report the
        // editor's own autosave as someone else's newer version.
        Promise.resolve(inFlight()).finally(() => {
          if (!stopped) resumePings();
        });
      }
      pendingSave = null;
    }

    function stop() {
      stopped = true;
      pausedForDialog = false;
      hold();
      form.dataset.handcareAutosaveGuard = 'stopped';
    }

    function carriesAction(formData) {
      return ACTION_INPUTS.some((name) => formData.has(name));
    }

    // A save cancelled here goes no further than the form: the session controller (which would
    // stop pinging) and the autosave indicator listen on the document.
    form.addEventListener('w-autosave:save', (event) => {
      if (stopped || carriesAction(event.detail.formData)) {
        event.preventDefault();
        event.stopPropagation();
        stop();
      } else if (pausedForDialog) {
        event.preventDefault();
        event.stopPropagation();
      } else {
        pendingSave = event;
      }
    });

    // Wagtail's unsaved-changes controller stops its "leave this page?" prompt on submit events;
    // a form.submit() fires none, so tell it directly.
    const leavingOnPurpose = () =>
      window.wagtail?.app?.getControllerForElementAndIdentifier(form, 'w-unsaved')?.submit();

    // Submissions through a submit button (Save draft, Submit, Publish, actions without a dialog).
    form.addEventListener('submit', (event) => {
      if (event.defaultPrevented) return;
      stop();
      const running = inFlight();
      if (!running) return;
      event.preventDefault();
      form.dataset.handcareAutosaveGuard = 'waiting';
      const submitter = event.submitter;
      running.finally(() => {
        if (submitter && submitter.name) {
          // The button may be disabled by now (w-progress); send its name and value explicitly.
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = submitter.name;
          input.value = submitter.value;
          form.appendChild(input);
        }
        form.dataset.handcareAutosaveGuard = 'stopped';
        form.requestSubmit();
      });
    });

    // workflow-action.js submits with jQuery, which calls form.submit() and fires no submit event.
    form.submit = function submitAfterAutosave() {
      stop();
      leavingOnPurpose();
      const running = inFlight();
      if (!running) {
        nativeSubmit.call(form);
        return;
      }
      form.dataset.handcareAutosaveGuard = 'waiting';
      running.finally(() => {
        form.dataset.handcareAutosaveGuard = 'stopped';
        nativeSubmit.call(form);
      });
    };

    // Choosing a workflow action opens a dialog; nothing may autosave until it closes or submits.
    document.addEventListener(
      'click',
      (event) => {
        const button = event.target.closest?.('[data-workflow-action-name]');
        if (!button || !form.contains(button) || stopped) return;
        const controller = autosave();
        if (!controller || !controller.activeValue) return;
        pausedForDialog = true;
        hold();
        form.dataset.handcareAutosaveGuard = 'paused';
      },
      { capture: true },
    );

    // The dialog is removed from the page when it closes; resume unless the action went ahead.
    new MutationObserver(() => {
      if (!pausedForDialog || stopped || document.querySelector('body > .modal')) return;
      pausedForDialog = false;
      const controller = autosave();
      if (controller) controller.activeValue = true;
      form.dataset.handcareAutosaveGuard = 'watching';
    }).observe(document.body, { childList: true });
  }

  function start() {
    document.querySelectorAll('form[data-edit-form]').forEach(guard);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
