/*
 * A new page is created by its first autosave (Wagtail 8): the form then posts to the new page's
 * editor. A submission made while that autosave is still on its way would post the page a second
 * time, to the create view, which refuses it (its slug is taken) and shows "The page could not be
 * created due to validation errors". So a submission waits for the autosave's answer, then goes
 * out again: to the editor if the page was created. Loaded by templates/wagtailadmin/pages/create.html.
 */
(() => {
  const MAX_WAIT_MS = 15000; // then it goes out anyway: never held for good
  let saving = false;
  let held = null;
  let timer = null;

  const editForm = () => document.querySelector('[data-edit-form]');

  const release = () => {
    saving = false;
    if (!held) return;
    const { name, value } = held;
    held = null;
    clearTimeout(timer);
    const form = editForm();
    if (!form) return;
    const submitter = name
      ? Array.from(form.querySelectorAll('button[name], input[type="submit"][name]')).find(
          (button) => button.name === name && button.value === value,
        )
      : null;
    form.requestSubmit(submitter || undefined);
  };

  document.addEventListener('w-autosave:save', (event) => {
    // After every other listener (one may cancel it): only a save that goes out is waited for.
    setTimeout(() => {
      if (!event.defaultPrevented) saving = true;
    });
  });
  ['w-autosave:success', 'w-autosave:error', 'w-autosave:deactivated'].forEach((type) =>
    document.addEventListener(type, release),
  );

  document.addEventListener(
    'submit',
    (event) => {
      if (!saving || event.target !== editForm()) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const submitter = event.submitter;
      held = { name: submitter ? submitter.name : '', value: submitter ? submitter.value : '' };
      clearTimeout(timer);
      timer = setTimeout(release, MAX_WAIT_MS);
    },
    true,
  );
})();
