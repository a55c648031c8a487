// The chat widget as the end-to-end tests see it: locators into its shadow root and the
// customer's moves, shared by the spec files.
import type { Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, expect } from './fixtures';

// Screenshots go to web/test-results/screenshots; AICC_SCREENSHOT_DIR=docs/screenshots
// refreshes the ones the docs show (a test run leaves the tree clean otherwise).
export const SHOTS = process.env.AICC_SCREENSHOT_DIR
  ? join(REPO, process.env.AICC_SCREENSHOT_DIR)
  : join(REPO, 'web', 'test-results', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

// Locators pierce the widget's open shadow root.
export const widget = (page: Page) => {
  const panel = page.getByRole('dialog', { name: /고객 상담|Customer support/ });
  return {
    launcher: page.locator('#aicc-widget .launcher'),
    panel,
    log: panel.getByRole('log'),
    input: panel.getByRole('textbox', { name: /메시지 입력|Your message/ }),
    banner: panel.locator('.banner.handoff'),
    botMessages: panel.locator('.msg.bot'),
    chip: (name: string) => panel.locator('.chips').getByRole('button', { name, exact: true }),
  };
};

// Sends `text` and waits for the bot's `replies` messages (2 when a hand-over outside hours
// is followed by the callback offer).
export async function say(page: Page, text: string, replies = 1): Promise<Locator> {
  const w = widget(page);
  const before = await w.botMessages.count();
  await w.input.fill(text);
  await w.input.press('Enter');
  await expect(w.log.locator('.msg.customer .bubble').last()).toHaveText(text);
  await expect(w.botMessages).toHaveCount(before + replies);
  return w.botMessages.last();
}

export async function conversationId(page: Page): Promise<string> {
  const id = await page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const k = sessionStorage.key(i)!;
      if (k.startsWith('aicc.widget:')) return JSON.parse(sessionStorage.getItem(k)!).conversationId;
    }
    return null;
  });
  expect(id).toBeTruthy();
  return id as string;
}
