// The customer chat widget on its demo page, in Debian's Chromium, against the real server.
import type { WebSocketRoute } from '@playwright/test';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { SHOTS, conversationId, say, widget } from './widget-page';

test('a customer talks to the bot: greeting, FAQ with feedback, a scenario, then an agent', async ({ page, aicc }) => {
  await page.goto(aicc.url + '/demo');
  const w = widget(page);
  await expect(w.panel).toBeHidden();
  // The host page styles every button hot pink; the shadow root keeps the widget's own look.
  await expect(w.launcher).toHaveCSS('background-color', 'rgb(31, 94, 255)');
  await w.launcher.click();
  await expect(w.panel).toBeVisible();
  await expect(w.input).toBeFocused();
  await expect(w.botMessages.first()).toContainText('안녕하세요! 무엇을 도와드릴까요?');
  for (const chip of ['상품 문의', '주문 조회', '기술 지원', '상담원 연결']) await expect(w.chip(chip)).toBeVisible();
  await page.setViewportSize({ width: 1100, height: 720 });
  await page.screenshot({ path: join(SHOTS, 'widget-demo.png') });

  await say(page, '안녕하세요');

  // A FAQ answer, rated helpful: the vote reaches the server.
  const { doc: before } = await aicc.json('GET', '/api/v1/faq/faq_business_hours?language=ko');
  const answer = await say(page, '영업시간이 어떻게 되나요?');
  await expect(answer).toContainText('평일');
  await expect(answer).toContainText('도움이 되었나요?');
  await answer.getByRole('button', { name: '도움이 되었어요' }).click();
  await expect(answer).toContainText('의견을 보내 주셔서 감사합니다.');
  const { doc: after } = await aicc.json('GET', '/api/v1/faq/faq_business_hours?language=ko');
  expect(after.helpful_count).toBe(before.helpful_count + 1);
  expect(after.not_helpful_count).toBe(before.not_helpful_count);

  // A scenario: quick replies and typed answers, with its progress shown.
  const start = await say(page, '예약하고 싶어요');
  await expect(start.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0');
  const before2 = await w.botMessages.count();
  await w.chip('상담 예약').click();
  await expect(w.botMessages).toHaveCount(before2 + 1);
  await say(page, '2020-01-01'); // a past date: asked again
  await say(page, '내일');
  const done = await say(page, '01012345678');
  await expect(done).toContainText('010-1234-5678');
  await expect(done.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await w.panel.screenshot({ path: join(SHOTS, 'widget-scenario.png') });

  // Asking for a person: the hand-off state.
  await say(page, '상담원 연결해 주세요');
  await expect(w.banner).toContainText('상담원 연결 대기 중');
  await expect(w.panel.locator('.chips')).toHaveCount(0);
  const id = await conversationId(page);
  const { doc: conv } = await aicc.json('GET', `/api/v1/conversations/${id}`);
  expect(conv.state).toBe('queued');
  await w.panel.screenshot({ path: join(SHOTS, 'widget-handoff.png') });

  // A reload keeps the conversation: same id, every message once, still waiting.
  const { doc: history } = await aicc.json('GET', `/api/v1/conversations/${id}/messages?limit=500`);
  await page.reload();
  await expect(w.panel).toBeVisible();
  await expect(w.log.locator('.msg')).toHaveCount(history.messages.length);
  await expect(w.banner).toContainText('상담원 연결 대기 중');
  expect(await conversationId(page)).toBe(id);
  // The vote given before the reload is remembered, not asked again.
  await expect(w.log.getByText('의견을 보내 주셔서 감사합니다.')).toHaveCount(1);
});

test('a message sent while the stream is down appears exactly once after the reconnect', async ({ page, aicc }) => {
  // Every stream socket goes through this route, so the test can cut it.
  const sockets: { close: () => Promise<void> }[] = [];
  await page.routeWebSocket(/\/stream$/, (ws) => {
    const server = ws.connectToServer();
    sockets.push({
      close: async () => {
        await server.close();
        await ws.close();
      },
    });
  });
  await page.goto(aicc.url + '/demo');
  const w = widget(page);
  await w.launcher.click();
  await expect(w.botMessages).toHaveCount(1);
  await say(page, '안녕하세요');
  const id = await conversationId(page);

  // Down: the socket is cut and the network is gone, so reconnecting fails for now.
  await page.context().setOffline(true);
  for (const s of sockets) await s.close();
  await expect(w.panel.getByText('연결이 끊어졌습니다')).toBeVisible();
  const posted = await aicc.json('POST', `/api/v1/conversations/${id}/messages`, {
    text: '다른 기기에서 보낸 메시지',
    client_msg_id: 'e2e-offline-1',
  });
  expect(posted.status).toBe(201);
  await expect(w.log.getByText('다른 기기에서 보낸 메시지')).toHaveCount(0);

  // Back: the widget reconnects, reads what it missed, and shows it once.
  await page.context().setOffline(false);
  await expect(w.panel.getByText('연결이 끊어졌습니다')).toBeHidden({ timeout: 20_000 });
  await expect(w.log.getByText('다른 기기에서 보낸 메시지')).toHaveCount(1);
  const { doc: history } = await aicc.json('GET', `/api/v1/conversations/${id}/messages?limit=500`);
  await expect(w.log.locator('.msg')).toHaveCount(history.messages.length);

  // And the new stream is live: the next message arrives pushed, also once.
  await aicc.json('POST', `/api/v1/conversations/${id}/messages`, { text: '또 하나의 메시지', client_msg_id: 'e2e-live-1' });
  await expect(w.log.getByText('또 하나의 메시지')).toHaveCount(1);
  const { doc: history2 } = await aicc.json('GET', `/api/v1/conversations/${id}/messages?limit=500`);
  await expect(w.log.locator('.msg')).toHaveCount(history2.messages.length);
  const seqs = await w.log.locator('.msg').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
  expect(seqs).toEqual(history2.messages.map((m: { seq: number }) => m.seq));
});

test('messages a silent stream missed are read back even after later ones arrived', async ({ page, aicc }) => {
  // "live": sockets reach the server; "silent": the socket opens but nothing ever arrives,
  // like a connection dropped by a proxy without a close.
  let mode: 'live' | 'silent' = 'live';
  const routes: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/stream$/, (ws) => {
    routes.push(ws);
    if (mode === 'live') ws.connectToServer();
  });
  await page.goto(aicc.url + '/demo');
  const w = widget(page);
  await w.launcher.click();
  await expect(w.botMessages).toHaveCount(1);
  const id = await conversationId(page);

  mode = 'silent';
  await routes.at(-1)!.close();
  await expect.poll(() => routes.length).toBe(2);
  await expect(w.panel.getByText('연결이 끊어졌습니다')).toBeHidden();
  // Missed: a message from elsewhere (and the bot's reply to it) …
  await aicc.json('POST', `/api/v1/conversations/${id}/messages`, { text: '놓친 메시지', client_msg_id: 'e2e-missed-1' });
  // … then the customer's own message, whose POST brings later seqs than the missed ones.
  await say(page, '안녕하세요');
  await expect(w.log.getByText('놓친 메시지')).toHaveCount(0);

  // The silent socket finally closes; the reconnect reads everything after the gap.
  mode = 'live';
  await routes.at(-1)!.close();
  await expect(w.log.getByText('놓친 메시지')).toHaveCount(1);
  const { doc: history } = await aicc.json('GET', `/api/v1/conversations/${id}/messages?limit=500`);
  const seqs = await w.log.locator('.msg').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
  expect(seqs).toEqual(history.messages.map((m: { seq: number }) => m.seq));
});

test('the widget works with the keyboard alone', async ({ page, aicc }) => {
  await page.goto(aicc.url + '/demo');
  const w = widget(page);
  // Tab through the host page until the launcher has the focus.
  for (let i = 0; i < 10 && !(await w.launcher.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
  await expect(w.launcher).toBeFocused();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(w.panel).toBeVisible();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'true');
  await expect(w.input).toBeFocused();
  await expect(w.botMessages).toHaveCount(1);

  // The send is held on its way to the server: meanwhile the bot is shown typing.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/messages', async (route) => {
    await held;
    await route.continue();
  });
  await page.keyboard.type('영업시간이 어떻게 되나요?');
  await page.keyboard.press('Enter');
  const typing = w.panel.getByRole('status').filter({ hasText: '답변을 입력하고 있습니다' });
  await expect(typing).toBeVisible();
  release();
  const answer = w.botMessages.nth(1);
  await expect(answer).toContainText('평일');
  await expect(typing).toBeHidden();
  // Shift+Tab from the message box goes back through the related-question chips, if any,
  // to the answer's 👎.
  const notHelpful = answer.getByRole('button', { name: '도움이 되지 않았어요' });
  for (let i = 0; i < 5 && !(await notHelpful.evaluate((el) => el.matches(':focus'))); i++)
    await page.keyboard.press('Shift+Tab');
  await expect(notHelpful).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(answer).toContainText('의견을 보내 주셔서 감사합니다.');
  await expect(w.input).toBeFocused();

  // Escape closes the panel and gives the focus back to the launcher.
  await page.keyboard.press('Escape');
  await expect(w.panel).toBeHidden();
  await expect(w.launcher).toBeFocused();
});

test('on a phone-sized screen the panel fills the screen, in English from the tag; a goodbye ends it', async ({ browser, aicc }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'ko-KR', hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(aicc.url + '/demo/en');
  const w = widget(page);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await expect(w.panel).toBeVisible();
  const box = await w.panel.boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: 375, height: 667 });
  await expect(w.botMessages.first()).toContainText('Hello! How can I help you today?');
  const answer = await say(page, 'What are your business hours?');
  await expect(answer).toContainText('Was this helpful?');
  await expect(w.input).toBeInViewport();
  await page.screenshot({ path: join(SHOTS, 'widget-phone.png') });

  // A goodbye ends the conversation: no message box, an offer to start again.
  const first = await conversationId(page);
  await say(page, 'ok bye');
  await expect(w.panel).toContainText('This conversation has ended.');
  await expect(w.input).toBeHidden();
  await w.panel.getByRole('button', { name: 'Start a new conversation' }).click();
  await expect(w.input).toBeFocused();
  await expect(w.botMessages).toHaveCount(1);
  await expect(w.botMessages.first()).toContainText('Hello! How can I help you today?');
  expect(await conversationId(page)).not.toBe(first);
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(w.panel).toBeHidden();
  await context.close();
});

test("embedded with the one tag on another site's page, in the browser's language", async ({ browser, aicc, shop }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  // The shop's page: its own styles and the one tag, no language attribute.
  shop.page = `<!doctype html><html><head><style>button{font-size:40px!important}</style></head>
    <body><h1>Shop</h1><script src="${aicc.url}/widget.js" async></script></body></html>`;
  await page.goto(shop.origin + '/');
  const w = widget(page);
  await page.getByRole('button', { name: 'Open chat' }).click();
  // The API calls cross origins (CORS) to the server the script came from.
  await expect(w.botMessages.first()).toContainText('Hello! How can I help you today?');
  const answer = await say(page, 'What are your business hours?');
  await expect(answer).toContainText('Was this helpful?');
  const id = await conversationId(page);
  const { doc: conv } = await aicc.json('GET', `/api/v1/conversations/${id}`);
  expect(conv.language).toBe('en');
  await context.close();
});
