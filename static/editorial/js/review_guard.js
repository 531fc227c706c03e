/*
 * Autosave never races a review action (briefings/editorial/autosave.py explains the bug).
 *
 * Loaded by templates/wagtailadmin/pages/edit.html with the page's review state and the POST keys
 * that make the edit view act rather than save. Once the form is being submitted, or when the
 * form carries such a key (the workflow buttons add them as hidden inputs), autosave is stopped;
 * every other autosave carries the review state the page was opened in, which the server checks.
 */
(() => {
  const script = document.currentScript;
  const reviewState = script.dataset.reviewState;
  const actionFields = JSON.parse(script.dataset.actionFields);
  const stateField = script.dataset.stateField;
  let leaving = false;

  const editForm = () => document.querySelector('[data-edit-form]');

  const stopAutosave = () => {
    leaving = true;
    const form = editForm();
    const app = window.wagtail && window.wagtail.app;
    const autosave = form && app && app.getControllerForElementAndIdentifier(form, 'w-autosave');
    if (!autosave) return;
    autosave.activeValue = false;
    if (autosave.submit && typeof autosave.submit.cancel === 'function') autosave.submit.cancel();
  };

  // A native submission (Save draft, Submit, Publish, the workflow buttons without a comment)…
  document.addEventListener(
    'submit',
    (event) => {
      if (event.target === editForm()) stopAutosave();
    },
    true,
  );
  // …and the dialogs' (Approve with comment, Request changes), which submit the form through
  // jQuery: its handlers run, but no DOM submit event is fired.
  const watchJQuerySubmit = () => {
    if (window.jQuery) window.jQuery(document).on('submit', '[data-edit-form]', stopAutosave);
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', watchJQuerySubmit);
  } else {
    watchJQuerySubmit();
  }

  document.addEventListener('w-autosave:save', (event) => {
    const data = event.detail && event.detail.formData;
    if (!data) return;
    if (leaving || actionFields.some((name) => data.has(name))) {
      event.preventDefault();
      stopAutosave();
      return;
    }
    data.set(stateField, reviewState);
  });
})();
