import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Waits until every viewport has drawn and holds still: the first draws fit the image as the layout settles,
 * so the transforms cornerstone draws with must be the same two animation frames apart.
 */
export async function untilDrawn(page: Page): Promise<void> {
  const transforms = () => page.getByTestId('viewport').evaluateAll((all) => all.map((v) => v.getAttribute('data-transform') ?? '').join(';'));
  await expect
    .poll(async () => {
      const first = await transforms();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      return /\d/.test(first) && first === (await transforms());
    })
    .toBe(true);
}
