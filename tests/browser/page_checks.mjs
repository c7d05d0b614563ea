// What axe-core does not check, checked in the page itself. Each check
// returns problems as { rule, message, target } (target: a CSS path to the
// element). The functions given to page.evaluate run in the browser and must
// not use anything from this module's scope.

/// Run at every width: structure, markup hygiene, link text, target size.
export async function CheckPageStructure(page) {
  return page.evaluate(() => {
    const problems = [];
    const PathOf = (element) => {
      const parts = [];
      for (let node = element; node && node.nodeType === 1 && parts.length < 5; node = node.parentElement) {
        let part = node.localName;
        if (node.id) {
          parts.unshift(`${part}#${node.id}`);
          break;
        }
        const siblings = node.parentElement
          ? [...node.parentElement.children].filter((s) => s.localName === node.localName)
          : [];
        if (siblings.length > 1) part += `:nth-of-type(${siblings.indexOf(node) + 1})`;
        parts.unshift(part);
      }
      return parts.join(" > ");
    };
    const Report = (rule, message, element) =>
      problems.push({ rule, message, target: element ? PathOf(element) : "" });
    const TextOf = (element) => (element?.textContent ?? "").replace(/\s+/g, " ").trim();
    const NameOf = (element) => {
      const label = element.getAttribute("aria-label");
      if (label && label.trim()) return label.trim();
      const labelledby = element.getAttribute("aria-labelledby");
      if (labelledby) {
        return labelledby
          .split(/\s+/)
          .map((id) => TextOf(document.getElementById(id)))
          .join(" ")
          .trim();
      }
      const images = [...element.querySelectorAll("img[alt]")].map((img) => img.alt);
      return [TextOf(element), ...images].join(" ").trim();
    };

    // Language of the page (WCAG 3.1.1).
    const lang = document.documentElement.getAttribute("lang") ?? "";
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang)) {
      Report("html-lang", `<html> needs a valid lang attribute (found "${lang}")`, document.documentElement);
    }

    // One h1, and no heading level skipped on the way down (1.3.1, 2.4.6).
    const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
    const h1s = headings.filter((h) => h.localName === "h1");
    if (h1s.length !== 1) Report("one-h1", `the page has ${h1s.length} h1 elements; it needs exactly one`, h1s[1]);
    let previous = 0;
    for (const heading of headings) {
      const level = Number(heading.localName[1]);
      if (level > previous + 1) {
        Report("heading-order", `h${level} "${TextOf(heading).slice(0, 60)}" follows ${previous ? `h${previous}` : "no heading"}: a level is skipped`, heading);
      }
      if (!TextOf(heading)) Report("heading-order", `empty h${level}`, heading);
      previous = level;
    }

    // Data tables: header cells, a name, and scope on row headers (1.3.1).
    for (const table of document.querySelectorAll("table")) {
      if (table.getAttribute("role") === "presentation" || table.getAttribute("role") === "none") {
        Report("table-headers", "layout tables are not used on this site", table);
        continue;
      }
      if (!table.querySelector("th")) Report("table-headers", "data table without header cells (th)", table);
      const named = TextOf(table.querySelector(":scope > caption")) ||
        ((table.hasAttribute("aria-label") || table.hasAttribute("aria-labelledby")) && NameOf(table));
      if (!named) {
        // A table from Markdown has no class; cmark-gfm cannot give it a
        // caption yet (docs/accessibility.md, "Known gaps").
        const fromMarkdown = !table.hasAttribute("class");
        Report(fromMarkdown ? "markdown-table-caption" : "table-name",
          "data table without a caption, aria-label or aria-labelledby", table);
      }
      for (const th of table.querySelectorAll("tbody th, tfoot th, :scope > tr th")) {
        if (!th.hasAttribute("scope") && !th.hasAttribute("id")) {
          Report("table-headers", "a header cell in the table body needs scope=\"row\" (or \"col\")", th);
        }
      }
    }

    // No inline scripts or event handlers, no javascript: URLs (a strict
    // Content-Security-Policy must work); no inline styles except the
    // text-align that cmark-gfm writes for aligned table columns.
    for (const script of document.querySelectorAll("script")) {
      // Data blocks (JSON-LD) are not run, and a CSP does not govern them.
      const isData = /^application\/(ld\+)?json$/i.test(script.type);
      if (!isData && (!script.hasAttribute("src") || script.textContent.trim())) Report("no-inline-script", "inline <script>", script);
    }
    for (const element of document.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name)) Report("no-inline-script", `event handler attribute ${attribute.name}`, element);
      }
    }
    for (const link of document.querySelectorAll("[href], [src], [action]")) {
      const value = link.getAttribute("href") ?? link.getAttribute("src") ?? link.getAttribute("action");
      if (/^\s*javascript:/i.test(value)) Report("no-inline-script", "javascript: URL", link);
    }
    for (const style of document.querySelectorAll("style")) Report("no-inline-style", "<style> element", style);
    for (const element of document.querySelectorAll("[style]")) {
      const value = element.getAttribute("style");
      if (!value.trim()) continue;  // axe leaves style="" behind after measuring
      const allowed = /^(th|td)$/.test(element.localName) && /^\s*text-align:\s*(left|center|right)\s*;?\s*$/.test(value);
      if (!allowed) Report("no-inline-style", `style="${value}"`, element);
    }

    // Every image has alt text (1.1.1); an empty alt only on an image that
    // is decoration, never on the only content of a link.
    for (const image of document.querySelectorAll("img")) {
      if (!image.hasAttribute("alt")) Report("img-alt", `image without alt: ${image.getAttribute("src")}`, image);
    }

    // Link text that makes sense out of context (2.4.4, 2.4.9).
    const vague = new Set(["here", "click here", "click", "more", "read more", "more info", "more information",
      "learn more", "see more", "link", "this", "this link", "this page", "page", "details", "go", "continue", "next", "previous"]);
    for (const link of document.querySelectorAll("a[href]")) {
      const name = NameOf(link).toLowerCase().replace(/[.,:;!?…»«›‹→←()[\]"'‘’“”]/g, "").replace(/\s+/g, " ").trim();
      if (!name) Report("link-text", `link to ${link.getAttribute("href")} has no text`, link);
      else if (vague.has(name)) Report("link-text", `link text "${NameOf(link)}" does not say where it goes`, link);
    }

    // Targets of at least 24 by 24 CSS pixels for the site's navigation
    // (2.5.8; links inside sentences are exempt).
    for (const link of document.querySelectorAll("header a[href], nav a[href], footer nav a[href]")) {
      if (link.classList.contains("skip-link")) continue;
      const box = link.getBoundingClientRect();
      if (box.width < 24 || box.height < 24) {
        Report("target-size", `navigation link "${TextOf(link)}" is ${box.width.toFixed(1)}×${box.height.toFixed(1)} px; it needs 24×24`, link);
      }
    }

    // Landmarks and the skip link (2.4.1).
    const mains = document.querySelectorAll("main");
    if (mains.length !== 1) Report("landmarks", `the page has ${mains.length} main elements`, mains[1]);
    const first = document.querySelector("body a[href], body button, body input");
    const target = first?.getAttribute("href")?.startsWith("#") ? document.getElementById(first.getAttribute("href").slice(1)) : null;
    if (!first || !first.classList.contains("skip-link") || !target || !target.closest("main")) {
      Report("skip-link", "the first link on the page must skip to the main content", first);
    }
    return problems;
  });
}

/// Run at 320 CSS px (which is also 1280 px at 400% zoom): the document must
/// not scroll sideways (1.4.10), except past a data table too wide for the
/// screen (1.4.10 exempts content that needs two dimensions); that is
/// reported as "reflow-table", a warning.
export async function CheckReflow(page) {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - viewport;
    if (overflow <= 0) return [];
    // Name the outermost elements that stick out, to show what to fix.
    const culprits = [];
    for (const element of document.body.querySelectorAll("*")) {
      const container = element.closest("table, pre");
      if (container && container !== element) continue;
      const box = element.getBoundingClientRect();
      if (box.right > viewport + 1 && !culprits.some((c) => c.contains(element))) culprits.push(element);
    }
    const describe = (element) =>
      element.localName + (element.id ? `#${element.id}` : "") + (element.className ? `.${String(element.className).split(" ").join(".")}` : "");
    const onlyTables = culprits.length > 0 && culprits.every((element) => element.matches("table, pre"));
    return [{
      rule: onlyTables ? "reflow-table" : "reflow",
      message: `the page scrolls sideways by ${overflow} px at ${viewport} px wide` +
        (culprits.length ? `; wider than the screen: ${culprits.slice(0, 3).map(describe).join(", ")}` : ""),
      target: "html",
    }];
  });
}
