// A tiny static file server for the browser checks: serves one folder on
// the loopback address at an ephemeral port, so that pages load over HTTP
// with the same relative URLs, directory indexes and 404 page a static host
// gives them (file:// would not resolve "reviews/" to reviews/index.html).
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";

const kContentTypes = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".atom": "application/atom+xml",
  ".ics": "text/calendar; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

// The policy every page is served with: nothing inline, nothing from
// elsewhere. The only style attributes allowed are the three that cmark-gfm
// writes for aligned table columns (by hash); 'wasm-unsafe-eval' lets the
// search page run Pagefind's WebAssembly. A page that breaks the policy is
// reported by the browser (a securitypolicyviolation event).
const kAllowedStyleAttributes = ["text-align: left", "text-align: center", "text-align: right"];
export const kContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "style-src-attr 'unsafe-hashes' " + kAllowedStyleAttributes
    .map((style) => `'sha256-${createHash("sha256").update(style).digest("base64")}'`).join(" "),
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

// Maps a request path to a file under `root`, or null when it would leave
// the folder. "/x/" means "/x/index.html", as on a static host.
function FileForRequest(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  if (decoded.endsWith("/")) decoded += "index.html";
  const file = path.resolve(root, "." + path.posix.normalize("/" + decoded));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

async function IsFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function Respond(root, request, response) {
  const url = new URL(request.url, "http://127.0.0.1");
  let file = FileForRequest(root, url.pathname);
  let status = 200;
  if (file && !(await IsFile(file)) && (await IsFile(path.join(file, "index.html")))) {
    // "/reviews" without the slash: redirect, as static hosts do, so that
    // relative links on the page resolve against the folder.
    response.writeHead(301, { Location: url.pathname + "/" + url.search });
    response.end();
    return;
  }
  if (!file || !(await IsFile(file))) {
    status = 404;
    file = path.join(root, "404.html");
    if (!(await IsFile(file))) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
      response.end("Not found\n");
      return;
    }
  }
  const type = kContentTypes[path.extname(file).toLowerCase()] ?? "application/octet-stream";
  response.writeHead(status, {
    "Content-Type": type,
    "Cache-Control": "no-store",
    "Content-Security-Policy": kContentSecurityPolicy,
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}

/// Serves `root` on 127.0.0.1 at a free port. Resolves to
/// { origin: "http://127.0.0.1:PORT", close() }.
export async function StartStaticServer(root) {
  const absolute = path.resolve(root);
  const server = createServer((request, response) => {
    Respond(absolute, request, response).catch((error) => {
      response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      response.end(String(error));
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
