import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, placeByHand } from './fixtures';

/**
 * axe on the main screens: no 'serious' or 'critical' violation.
 * The image canvas is excluded: it is a cornerstone bitmap whose meaning is given by the role="img" and
 * aria-label of its container; the text overlays drawn over the image (patient name, W/L, orientation
 * letters) sit on a radiograph whose pixels change with window/level, so axe can only guess their
 * background (it reports them as "incomplete", not as violations) and they are not excluded.
 */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).exclude('[data-testid="viewport"] canvas').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 3).join(' ')}`) }));
}


/** Sample cases open on the "Case" side panel when the app has one: switch to "Measure". */
async function showMeasurePanel(page: Page): Promise<void> {
  const tab = page.getByTestId('tab-measure');
  if ((await tab.count()) > 0 && (await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await expect(page.getByTestId('tool-vertebra')).toBeVisible();
}
async function viewerReady(page: Page): Promise<void> {
  await expect(page.getByTestId('series-item').first()).toBeVisible();
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  await expect(page.getByTestId('viewport')).toHaveAttribute('data-ww', /\d+/);
}

test.describe('accessibility', () => {
  test('the viewer with the sample loaded has no serious axe violations', async ({ app }) => {
    const { page } = app;
    await viewerReady(page);
    expect(await seriousViolations(page)).toEqual([]);
    await showMeasurePanel(page);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the viewer with a measured vertebra, a tool prompt and the calibration dialog has no serious axe violations', async ({ app }) => {
    const { page } = app;
    await viewerReady(page);
    await showMeasurePanel(page);
    // Six points anywhere on the radiograph make a vertebra: results table, grade chip and selects appear.
    await page.getByTestId('tool-vertebra').click();
    await placeByHand(page);
    await expect(page.getByTestId('tool-prompt')).toBeVisible();
    const box = (await page.getByTestId('viewport').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (const [dx, dy] of [[-40, -40], [0, -42], [40, -40], [-40, 30], [0, 36], [40, 40]]) await page.mouse.click(cx + dx, cy + dy);
    await expect(page.getByTestId('result-row')).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('tool-calibrate').click();
    await page.mouse.click(cx - 60, cy + 80);
    await page.mouse.click(cx + 60, cy + 80);
    await expect(page.getByTestId('calibration-length')).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the loading progress bar has no serious axe violations', async ({ app }) => {
    const { page } = app;
    await viewerReady(page);
    await page.getByRole('button', { name: 'Sample cases' }).click();
    await expect(page.locator('.case-thumb').first()).toBeVisible();
    // Hold the last files of the next case so the progress bar stays on screen, mostly filled.
    let passed = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/files/**', async (route) => {
      if (++passed > 25) await released;
      await route.continue();
    });
    await page.getByTestId('case-card').filter({ hasText: 'Acute or old?' }).getByRole('button', { name: 'Open case' }).click();
    const progress = page.getByTestId('load-progress');
    await expect(progress).toHaveAttribute('aria-valuenow', '25');
    expect(await seriousViolations(page)).toEqual([]);
    release();
    await expect(progress).toHaveCount(0);
  });

  test('the sample cases tab has no serious axe violations', async ({ app }) => {
    const { page } = app;
    await viewerReady(page);
    await page.getByRole('button', { name: 'Sample cases' }).click();
    await expect(page.getByTestId('case-card').first()).toBeVisible();
    await expect(page.locator('.case-thumb').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the help overlay has no serious axe violations', async ({ app }) => {
    const { page } = app;
    await viewerReady(page);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(page.getByTestId('help-overlay')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('every button has an accessible name', async ({ app }) => {
    const { page } = app;
    await viewerReady(page);
    const unnamedButtons = () =>
      page.locator('button:visible').evaluateAll((buttons) =>
        buttons
          .filter((b) => {
            const label = b.getAttribute('aria-label') ?? '';
            const labelledBy = b.getAttribute('aria-labelledby');
            const text = (b.textContent ?? '').replace(/[^\p{L}\p{N}]/gu, '');
            return !label.trim() && !labelledBy && !text;
          })
          .map((b) => b.outerHTML.slice(0, 120)),
      );
    expect(await unnamedButtons()).toEqual([]);
    await showMeasurePanel(page);
    expect(await unnamedButtons()).toEqual([]);
    // Icon-only buttons have names that say what they do.
    await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toHaveText('?');
    for (const name of ['Rotate 90 degrees', 'Flip horizontally', 'Flip vertically']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  });

  test('every button is reachable by Tab and toolbar buttons show a focus ring', async ({ app }) => {
    const { page } = app;
    await viewerReady(page);
    await showMeasurePanel(page);
    const total = await page.locator('button:visible:enabled').count();
    expect(total).toBeGreaterThan(20);
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    const reached = new Set<string>();
    const noRing: string[] = [];
    const toolbarChecked = new Set<string>();
    for (let i = 0; i < total + 60; i++) {
      await page.keyboard.press('Tab');
      const info = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el.tagName !== 'BUTTON') return null;
        const buttons = [...document.querySelectorAll('button')];
        const style = getComputedStyle(el);
        return {
          index: buttons.indexOf(el as HTMLButtonElement),
          name: el.getAttribute('aria-label') || el.textContent?.trim() || '',
          toolbar: !!el.closest('[role="toolbar"], .toolbar'),
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
        };
      });
      if (!info) continue;
      reached.add(String(info.index));
      if (info.toolbar) toolbarChecked.add(info.name);
      if (info.toolbar && !info.ring) noRing.push(info.name);
    }
    const unreached = await page.locator('button').evaluateAll(
      (buttons, seen) =>
        buttons
          .map((b, i) => ({ b: b as HTMLButtonElement, i }))
          .filter(({ b, i }) => !b.disabled && b.offsetParent !== null && !seen.includes(String(i)))
          .map(({ b }) => b.getAttribute('aria-label') || b.textContent?.trim() || b.outerHTML.slice(0, 80)),
      [...reached],
    );
    expect(unreached, 'buttons never focused by Tab').toEqual([]);
    expect(noRing, 'toolbar buttons without a visible focus outline').toEqual([]);
    // Top bar, viewer toolbar and the measurement tools were all checked.
    for (const name of ['Keyboard shortcuts', 'Rotate 90 degrees', 'Fit', '6-point vertebra V', 'Calibrate K']) expect([...toolbarChecked]).toContain(name);
  });
});
