// Copy and print buttons of the script pages. A button with data-copy="ID" copies the
// text of the element with that id; data-print prints the page.
(function () {
  function copyText(text, button) {
    const done = function () {
      const label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
      return;
    }
    // Plain http on a practice server has no clipboard API, so select and copy.
    const area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    done();
  }

  document.addEventListener("click", function (event) {
    const copy = event.target.closest("[data-copy]");
    if (copy) {
      const source = document.getElementById(copy.dataset.copy);
      if (source) copyText(source.innerText.trim(), copy);
    }
    if (event.target.closest("[data-print]")) window.print();
  });
})();
