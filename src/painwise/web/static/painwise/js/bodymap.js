// Body map: tapping a region on the figures ticks the matching box in the list below (the list
// is the real, accessible control and works without this script).
(function () {
  var map = document.querySelector('[data-bodymap]');
  if (!map) return;
  function box(code) { return map.querySelector('input[type=checkbox][value="' + code + '"]'); }
  function paint() {
    map.querySelectorAll('[data-region]').forEach(function (shape) {
      var input = box(shape.getAttribute('data-region'));
      shape.classList.toggle('on', !!(input && input.checked));
    });
  }
  map.addEventListener('click', function (event) {
    var shape = event.target.closest('[data-region]');
    if (!shape) return;
    var input = box(shape.getAttribute('data-region'));
    if (input) { input.checked = !input.checked; paint(); }
  });
  map.addEventListener('change', paint);
  paint();
})();
