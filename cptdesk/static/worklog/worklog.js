// Keyboard use on worklists: j and k move between rows, Enter opens the current row's
// item, x ticks its checkbox for bulk reassignment. Keys typed into fields are left alone.
(function () {
  function rows() {
    return Array.from(document.querySelectorAll("[data-worklist] [data-row]"));
  }

  function current() {
    return document.querySelector("[data-worklist] .wl-current");
  }

  function select(row) {
    current()?.classList.remove("wl-current");
    row.classList.add("wl-current");
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    const all = rows();
    if (!all.length) return;
    const index = all.indexOf(current());
    const next = index === -1 ? 0 : Math.min(Math.max(index + step, 0), all.length - 1);
    select(all[next]);
  }

  document.addEventListener("keydown", function (event) {
    if (event.target.matches("input, textarea, select") || event.ctrlKey || event.metaKey) return;
    const row = current();
    if (event.key === "j") {
      move(1);
    } else if (event.key === "k") {
      move(-1);
    } else if (event.key === "Enter" && row) {
      event.preventDefault();
      row.querySelector("[data-open]")?.click();
    } else if (event.key === "x" && row) {
      const box = row.querySelector("input[type=checkbox]");
      if (box) box.checked = !box.checked;
    }
  });
})();
