// "Suggest topics" in the article editor: send the form as it is, add the suggested topics to
// the three tag fields (Wagtail's tag-it widgets) and list the evidence for each.
(function () {
  'use strict';
  var VOCABULARIES = ['countries', 'initiatives', 'sectors'];
  var LABELS = { countries: 'Countries', initiatives: 'Initiatives', sectors: 'Sectors' };

  function evidenceText(item) {
    return item.evidence.map(function (e) { return '“' + e.phrase + '” (' + e.where + ')'; }).join(', ');
  }

  function render(output, result) {
    output.replaceChildren();
    var total = 0;
    VOCABULARIES.forEach(function (vocab) {
      (result[vocab] || []).forEach(function (item) {
        total += 1;
        var line = document.createElement('p');
        var name = document.createElement('strong');
        name.textContent = LABELS[vocab] + ': ' + item.name;
        line.appendChild(name);
        line.appendChild(document.createTextNode(' — ' + evidenceText(item)));
        output.appendChild(line);
      });
    });
    if (!total) output.textContent = 'No topics found in the text yet.';
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-suggest-topics]');
    if (!button) return;
    var form = button.closest('form');
    var output = button.parentNode.querySelector('[data-suggest-topics-result]');
    var data = new FormData(form);
    button.disabled = true;
    output.textContent = 'Reading the article…';
    fetch(button.dataset.url, {
      method: 'POST',
      body: data,
      headers: { 'X-CSRFToken': data.get('csrfmiddlewaretoken') || '' },
      credentials: 'same-origin',
    })
      .then(function (response) {
        if (!response.ok) throw new Error('The server answered ' + response.status);
        return response.json();
      })
      .then(function (result) {
        VOCABULARIES.forEach(function (vocab) {
          var input = form.querySelector('input[name="' + vocab + '"]');
          if (!input || !window.jQuery) return;
          (result[vocab] || []).forEach(function (item) {
            window.jQuery(input).tagit('createTag', item.name);
          });
        });
        render(output, result);
      })
      .catch(function (error) {
        output.textContent = 'Could not suggest topics: ' + error.message;
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
