// Site search on a static host, with no server: the search page asks the
// Pagefind index (made from the built site after the build, see
// docs/publishing.md) and lists what it finds. Without the index, or
// without JavaScript, the page says so and points to the lists instead.
//
// The query and filters live in the page's address (?q=...&kind=...), so a
// search can be bookmarked and shared, and the form works as a plain GET
// form until this script takes it over.

const container = document.querySelector(".site-search");
const form = container.querySelector("form");
const input = document.getElementById("search-query");
const statusLine = document.getElementById("search-status");
const results = document.getElementById("search-results");
const unavailable = document.getElementById("search-unavailable");
const selects = Array.from(form.querySelectorAll("select[name]"));
const kMaxResults = 50;

let pagefind = null;
let indexMissing = false;

async function loadIndex() {
  if (pagefind || indexMissing) return pagefind;
  const bundle = new URL(container.dataset.bundle, document.baseURI);
  const root = new URL(container.dataset.root, document.baseURI);
  try {
    pagefind = await import(new URL("pagefind.js", bundle).href);
    // Results link to pages under the site's own root, wherever it is
    // published.
    await pagefind.options({ bundlePath: bundle.pathname, baseUrl: root.pathname });
    await pagefind.init();
  } catch (error) {
    pagefind = null;
    indexMissing = true;
    unavailable.hidden = false;
    statusLine.textContent = "Search is not available on this copy of the site.";
  }
  return pagefind;
}

// Pagefind's excerpt is escaped text with <mark> around the words found:
// rebuild it from text nodes and <mark> elements only.
function excerptNodes(excerpt) {
  const parsed = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html");
  const nodes = [];
  for (const node of parsed.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function resultItem(result) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = result.url;
  link.textContent = (result.meta && result.meta.title) || result.url;
  heading.append(link);
  item.append(heading);
  const facts = [];
  for (const name of ["kind", "committee", "status", "year"]) {
    const values = result.filters && result.filters[name];
    if (values && values.length) facts.push(values.join(", "));
  }
  if (facts.length) {
    const meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = facts.join(" · ");
    item.append(meta);
  }
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(result.excerpt || ""));
  item.append(excerpt);
  return item;
}

async function runSearch() {
  const query = input.value.trim();
  const filters = {};
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const select of selects) {
    if (!select.value) continue;
    filters[select.name] = select.value;
    params.set(select.name, select.value);
  }
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
  results.replaceChildren();
  if (!query && Object.keys(filters).length === 0) {
    statusLine.textContent = "";
    return;
  }
  const index = await loadIndex();
  if (!index) return;
  statusLine.textContent = "Searching…";
  const found = await index.search(query || null, { filters });
  const shown = await Promise.all(
    found.results.slice(0, kMaxResults).map((result) => result.data()));
  results.replaceChildren(...shown.map(resultItem));
  const count = found.results.length;
  statusLine.textContent =
    count === 0 ? "No pages found." :
    count === 1 ? "1 page found." :
    count > kMaxResults ? `${count} pages found; the first ${kMaxResults} are shown.` :
    `${count} pages found.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  runSearch();
});

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const select of selects) {
  const value = params.get(select.name);
  if (value && Array.from(select.options).some((option) => option.value === value)) {
    select.value = value;
  }
}
if (input.value || selects.some((select) => select.value)) runSearch();
