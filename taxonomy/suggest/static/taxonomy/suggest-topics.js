// "Suggest topics" in the article editor: send the form as it is, add the suggested topics to
// the three tag fields (countries, initiatives, sectors) and list the evidence for each.
//
// Only the tag widget's public behaviour is used, not its jQuery plugin. In Wagtail 8 a tag field
// is an <input data-controller="w-tag"> whose value is the comma-separated list the form submits;
// the w-tag Stimulus controller draws the tags in that value when it connects. The controller documents no way to add a tag (its only action is
// `clear`) and does not watch its input's value afterwards. So a field's new list is written into
// a copy of its input, which replaces the old input and the tags drawn for it; Stimulus connects
// w-tag to the copy, and the copy's value is what the form saves.
(function () {
  'use strict';
  var VOCABULARIES = ['countries', 'initiatives', 'sectors'];
  var LABELS = { countries: 'Countries', initiatives: 'Initiatives', sectors: 'Sectors' };

  // Names in a tag field's value: '"Belt and Road Initiative", Kazakhstan' → both names.
  function tagNames(value) {
    var names = [];
    var pattern = /"([^"]*)"|([^,]+)/g;
    var match;
    while ((match = pattern.exec(value))) {
      var name = (match[1] !== undefined ? match[1] : match[2]).trim();
      if (name) names.push(name);
    }
    return names;
  }

  // A name as the field's value writes it: as it is, separated from the next by a comma (the
  // topic fields show names without quotes, briefings/articles/forms.py); quoted if it has a comma.
  function tagValue(name) {
    return /,/.test(name) ? '"' + name + '"' : name;
  }

  function key(name) {
    return name.toLowerCase();
  }

  // The widget draws its tags right after its input, as a list Wagtail's admin styles as `.tagit`.
  function drawnTags(input) {
    var next = input.nextElementSibling;
    return next && next.classList.contains('tagit') ? next : null;
  }

  // Add the names the field does not have yet; return those added.
  function addTags(input, names) {
    var current = tagNames(input.value);
    var present = current.map(key);
    var added = names.filter(function (name) {
      if (present.indexOf(key(name)) !== -1) return false;
      present.push(key(name));
      return true;
    });
    if (!added.length) return added;
    var value = current.concat(added).map(tagValue).join(', ');
    var drawn = drawnTags(input);
    if (drawn) {
      var copy = input.cloneNode(false);
      copy.value = value;
      drawn.remove();
      input.replaceWith(copy);
      input = copy;
    } else {
      input.value = value; // not a widget this script knows how to redraw: the form still saves it
    }
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return added;
  }

  function evidenceText(item) {
    return item.evidence
      .map(function (e) {
        return '“' + e.phrase + '” (' + e.where + ')';
      })
      .join(', ');
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
        // An error may come with a message for the editor (an article too long to read: 413).
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (result) {
            if (!response.ok) throw new Error(result.error || 'The server answered ' + response.status);
            return result;
          });
      })
      .then(function (result) {
        VOCABULARIES.forEach(function (vocab) {
          var input = form.querySelector('input[name="' + vocab + '"]');
          if (!input) return;
          addTags(
            input,
            (result[vocab] || []).map(function (item) {
              return item.name;
            }),
          );
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
