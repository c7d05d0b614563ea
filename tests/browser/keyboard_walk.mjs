// A keyboard-only walk through one page: press Tab from the top until focus
// leaves the page, and check that (1) every link and control is reached once,
// in document order (WCAG 2.1.1, 2.4.3); (2) each one shows a visible focus
// indicator: its computed outline, background or box-shadow differs from its
// unfocused look (2.4.7); (3) the focused element is on screen and not
// hidden under something else (2.4.11).

const kFocusable =
  'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), ' +
  "select:not([disabled]), textarea:not([disabled]), summary, iframe, [contenteditable=''], " +
  '[contenteditable="true"], [tabindex]';

/// Walks `page` (already loaded) with the keyboard. Returns problems as
/// { rule, message, target } and the number of stops.
export async function WalkWithKeyboard(page) {
  const expected = await page.evaluate((selector) => {
    const Look = (element) => {
      const style = getComputedStyle(element);
      return {
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        background: style.backgroundColor,
        shadow: style.boxShadow,
        color: style.color,
        decoration: style.textDecorationLine,
      };
    };
    // Focus nothing, then remember how every stop looks unfocused.
    document.activeElement?.blur();
    const stops = [...document.querySelectorAll(selector)].filter(
      (element) => element.tabIndex >= 0 && element.checkVisibility({ visibilityProperty: true }));
    window.__keyboardWalk = { stops, unfocused: stops.map(Look) };
    return stops.map((element) => ({
      label: `${element.localName} "${(element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 50)}"`,
      tabindex: element.getAttribute("tabindex"),
    }));
  }, kFocusable);

  const problems = [];
  for (const stop of expected) {
    if (stop.tabindex !== null && Number(stop.tabindex) > 0) {
      problems.push({ rule: "focus-order", message: `${stop.label} has tabindex=${stop.tabindex}, which breaks document order`, target: "" });
    }
  }

  let reached = 0;
  for (let press = 0; press <= expected.length; press++) {
    await page.keyboard.press("Tab");
    const state = await page.evaluate(() => {
      const walk = window.__keyboardWalk;
      const element = document.activeElement;
      const index = walk.stops.indexOf(element);
      if (!element || element === document.body || index < 0) {
        return { index, tag: element?.localName ?? "none" };
      }
      const style = getComputedStyle(element);
      const before = walk.unfocused[index];
      const transparent = (color) => /rgba\(.*,\s*0\)$/.test(color) || color === "transparent";
      const outlineShows = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0 && !transparent(style.outlineColor);
      const changed = outlineShows || style.backgroundColor !== before.background || style.boxShadow !== before.shadow;
      const box = element.getClientRects()[0] ?? element.getBoundingClientRect();
      const x = Math.min(Math.max(box.left + Math.min(box.width, 12) / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
      const hit = document.elementFromPoint(x, y);
      const covered = onScreen && hit !== null && !element.contains(hit) && !hit.contains(element);
      return { index, visible: changed && element.matches(":focus-visible"), onScreen, covered };
    });
    if (press === expected.length) {
      // Focus leaves the page for the browser's own controls; headless
      // Chromium has none and wraps round to the first stop instead.
      if (state.index > 0) {
        problems.push({ rule: "focus-order", message: `after the last stop, Tab went back to ${expected[state.index].label}`, target: "" });
      }
      break;
    }
    const want = expected[press];
    if (state.index !== press) {
      const got = state.index >= 0 ? expected[state.index].label : `<${state.tag}>`;
      problems.push({ rule: "focus-order", message: `Tab stop ${press + 1} should be ${want.label} but focus went to ${got}`, target: "" });
      break;
    }
    reached++;
    if (!state.visible) problems.push({ rule: "focus-visible", message: `${want.label} shows no visible focus indicator`, target: "" });
    if (!state.onScreen) problems.push({ rule: "focus-visible", message: `${want.label} is focused off screen`, target: "" });
    else if (state.covered) problems.push({ rule: "focus-visible", message: `${want.label} is hidden under another element when focused`, target: "" });
  }
  if (reached < expected.length && !problems.some((p) => p.rule === "focus-order")) {
    problems.push({ rule: "focus-order", message: `Tab reached ${reached} of ${expected.length} links and controls`, target: "" });
  }
  return { problems, stops: expected.length };
}
