// Keyboard use for search results: arrow keys move, Enter follows the link, "/" returns
// to the search box from anywhere outside a text field.
(function () {
  function results() {
    return Array.from(document.querySelectorAll("[data-result]"));
  }

  function move(step) {
    const items = results();
    if (!items.length) return;
    const index = items.indexOf(document.activeElement);
    const next = index === -1 ? (step > 0 ? 0 : items.length - 1) : index + step;
    if (next < 0) {
      document.getElementById("q")?.focus();
      return;
    }
    items[Math.min(next, items.length - 1)].focus();
  }

  document.addEventListener("keydown", function (event) {
    const typing = event.target.matches("input, textarea, select");
    if (event.key === "/" && !typing) {
      event.preventDefault();
      document.getElementById("q")?.focus();
    } else if (event.key === "ArrowDown" && (event.target.id === "q" || event.target.matches("[data-result]"))) {
      event.preventDefault();
      move(1);
    } else if (event.key === "ArrowUp" && event.target.matches("[data-result]")) {
      event.preventDefault();
      move(-1);
    } else if (event.key === "Enter" && event.target.id === "q") {
      // The list may still show the previous query's results while htmx fetches the
      // new ones; open the first result only once the list matches what was typed.
      event.preventDefault();
      openFirstWhenCurrent = true;
      openFirstIfCurrent();
    }
  });

  let openFirstWhenCurrent = false;

  function openFirstIfCurrent() {
    const input = document.getElementById("q");
    const list = document.getElementById("result-list");
    if (!openFirstWhenCurrent || !input || !list) return;
    if (list.dataset.query !== input.value.trim()) {
      if (window.htmx) htmx.trigger(input, "search");
      return;
    }
    openFirstWhenCurrent = false;
    const first = results()[0];
    if (first) first.click();
  }

  document.addEventListener("htmx:afterSettle", openFirstIfCurrent);
})();
