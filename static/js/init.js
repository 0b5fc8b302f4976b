import { initAll } from "./govuk-frontend.min.js";

initAll();

// Reflow (WCAG 1.4.10): a table wider than the screen scrolls inside its own box, not
// the page (assets/scss/accord.scss). Each table goes into an .app-table-container;
// one that scrolls becomes a named region with a tab stop, so that keyboard users can
// scroll it too. Containers written in a template keep what the template gave them.
function containTables() {
  const made = [];
  for (const table of document.querySelectorAll("table.govuk-table")) {
    if (table.parentElement.classList.contains("app-table-container")) continue;
    const box = document.createElement("div");
    box.className = "app-table-container";
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    made.push(box);
  }
  // A chart that keeps its readable width on a narrow screen scrolls the same way.
  made.push(...document.querySelectorAll(".app-chart__scroll"));
  // The table's caption, or else the heading before it.
  const label = (box) => {
    const caption = box.querySelector("caption, svg > title");
    if (caption) return caption.textContent.trim();
    let before = box.previousElementSibling;
    while (before && !/^H[2-6]$/.test(before.tagName)) before = before.previousElementSibling;
    return before ? before.textContent.trim() : "Table";
  };
  const update = () => {
    for (const box of made) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", `${label(box)} (scrolls sideways)`);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  };
  update();
  window.addEventListener("resize", update);
  // A trend chart opens on its latest periods, at the right: that is what is read first.
  for (const box of document.querySelectorAll(".app-chart__scroll")) box.scrollLeft = box.scrollWidth;
}

containTables();
