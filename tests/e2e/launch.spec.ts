import { expect, test } from './fixtures';

// Browser mode hands the token over with a one-time launch code (electron/browser-host.ts): the
// address on Chromium's command line is spent once the window has loaded it.
test('the launch address works once: the token never shows in the address, and a second page is told why it cannot load', async ({ app }) => {
  const { page, host } = app;
  await expect(page.getByText('LAT THORACOLUMBAR SPINE')).toBeVisible();
  expect(page.url()).toBe(`http://127.0.0.1:${host.port}/`);
  expect(page.url()).not.toContain(host.token);

  await page.reload();
  await expect(page.getByText('LAT THORACOLUMBAR SPINE')).toBeVisible();

  const second = await page.context().newPage();
  await second.goto(host.url);
  await expect(second.getByText(/This launch address was already used/)).toBeVisible();
  await expect(second.getByText('LAT THORACOLUMBAR SPINE')).toHaveCount(0);
});
