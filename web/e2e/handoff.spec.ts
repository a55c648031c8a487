// The hand-off to people in the widget, against the real server: the queue position and
// wait while waiting, cancelling the wait, the callback form outside business hours, and an
// agent (created, logged in and driven over the API, as the agent desktop would) who
// answers live, wraps up and is rated.
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { ADMIN_PASSWORD, AGENT_PASSWORD, type Aicc, expect, test } from './fixtures';
import { SHOTS, conversationId, say, widget } from './widget-page';

// freezeClock: stop the page's timers (the clock must be installed) before asking, so
// the status poll runs only when the test moves the clock.
async function askForAgent(
  page: Page,
  server: Aicc,
  freezeClock = false,
  replies = 1,
): Promise<string> {
  await page.goto(server.url + '/demo');
  const w = widget(page);
  await w.launcher.click();
  await expect(w.botMessages.first()).toBeVisible();
  if (freezeClock) await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
  await say(page, '상담원 연결해 주세요', replies);
  return conversationId(page);
}

async function status(server: Aicc, id: string): Promise<any> {
  const { status: code, doc } = await server.json('GET', `/api/v1/conversations/${id}/status`);
  expect(code).toBe(200);
  return doc;
}

const waitText = (seconds: number) => `예상 대기시간: 약 ${Math.max(1, Math.ceil(seconds / 60))}분`;

// An agent the admin creates over the API, logged in and set available: its token.
async function availableAgent(server: Aicc, username: string): Promise<string> {
  const admin = await server.login('admin', ADMIN_PASSWORD);
  const created = await server.json(
    'POST',
    '/api/v1/agents',
    { username, password: AGENT_PASSWORD, display_name: '김상담', languages: ['ko', 'en'] },
    admin,
  );
  expect(created.status, JSON.stringify(created.doc)).toBe(201);
  const token = await server.login(username, AGENT_PASSWORD);
  const state = await server.json('PUT', '/api/v1/agent/state', { state: 'available' }, token);
  expect(state.status, JSON.stringify(state.doc)).toBe(200);
  return token;
}

// Routing (every 250 ms) offers the conversation's escalation to the agent.
async function offerFor(server: Aicc, token: string, conversation: string): Promise<{ id: string }> {
  let offer: { id: string; conversation_id: string } | undefined;
  await expect
    .poll(
      async () => {
        const { doc } = await server.json('GET', '/api/v1/agent/inbox', undefined, token);
        offer = doc.offers.find((o: { conversation_id: string }) => o.conversation_id === conversation);
        return offer !== undefined;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return offer!;
}

// The widget's stream, proxied: while `deaf`, the socket stays open but nothing the server
// sends reaches the page.
async function deafenableStream(page: Page): Promise<{ deaf: boolean }> {
  const control = { deaf: false };
  await page.routeWebSocket(/\/stream$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((m) => {
      if (!control.deaf) ws.send(m);
    });
  });
  return control;
}

test('the position is read again every 10 seconds while waiting, not sooner', async ({ page, aicc }) => {
  // Someone else waits in the same queue first (through the API).
  const { doc: other } = await aicc.json('POST', '/api/v1/conversations', { channel: 'web', language: 'ko' });
  const ahead = await aicc.json('POST', `/api/v1/conversations/${other.conversation.id}/escalate`, {});
  expect(ahead.status).toBe(201);

  await page.clock.install();
  const stream = await deafenableStream(page);
  const id = await askForAgent(page, aicc, true);
  const w = widget(page);
  const st = await status(aicc, id);
  expect(st.position).toBe(ahead.doc.position + 1);
  await expect(w.banner.locator('.position')).toHaveText(`대기 순번: ${st.position}번째`);

  // The one ahead stops waiting; only the poll can tell this widget (its stream is deaf).
  stream.deaf = true;
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith(`/conversations/${id}/status`)) reads.push(r.url());
  });
  expect((await aicc.json('POST', `/api/v1/conversations/${other.conversation.id}/escalation/cancel`)).status).toBe(200);
  await page.clock.runFor(9_000);
  // A request of the page's own after the 9 s: a status read issued before it would be seen by now.
  await page.evaluate(() => fetch('/healthz').then(() => null));
  expect(reads).toHaveLength(0);
  await expect(w.banner.locator('.position')).toHaveText(`대기 순번: ${st.position}번째`);
  await page.clock.runFor(1_000);
  await expect(w.banner.locator('.position')).toHaveText(`대기 순번: ${st.position - 1}번째`);
  expect(reads).toHaveLength(1);
  await w.banner.getByRole('button', { name: '대기 취소' }).click();
  await expect(w.banner).toContainText('상담원 연결 대기를 취소했습니다.');
});

test('a customer waiting for an agent sees the position and wait, and stops waiting', async ({ page, aicc }) => {
  const id = await askForAgent(page, aicc);
  const w = widget(page);
  await expect(w.banner).toContainText('상담원 연결 대기 중');
  const st = await status(aicc, id);
  expect(st.state).toBe('queued');
  await expect(w.banner.locator('.position')).toHaveText(`대기 순번: ${st.position}번째`);
  await expect(w.banner.locator('.wait')).toHaveText(waitText(st.estimated_wait_seconds));

  await w.banner.getByRole('button', { name: '대기 취소' }).click();
  await expect(w.banner).toContainText('상담원 연결 대기를 취소했습니다.');
  await expect(w.banner.locator('.position')).toHaveCount(0);
  expect((await status(aicc, id)).state).toBe('cancelled');
  const { doc: conv } = await aicc.json('GET', `/api/v1/conversations/${id}`);
  expect(conv.state).toBe('bot');
  // The bot answers again; the note goes with the next message.
  const answer = await say(page, '영업시간이 어떻게 되나요?');
  await expect(answer).toContainText('평일');
  await expect(w.banner).toBeHidden();
});

test('in English: the position, the wait and stopping the wait', async ({ page, aicc }) => {
  await page.goto(aicc.url + '/demo/en');
  const w = widget(page);
  await w.launcher.click();
  await expect(w.botMessages.first()).toBeVisible();
  await say(page, 'I want to talk to an agent');
  const st = await status(aicc, await conversationId(page));
  expect(st.state).toBe('queued');
  await expect(w.banner.locator('strong')).toHaveText('Waiting for an agent');
  await expect(w.banner.locator('.position')).toHaveText(`Position in queue: ${st.position}`);
  await expect(w.banner.locator('.wait')).toHaveText(
    `Estimated wait: about ${Math.max(1, Math.ceil(st.estimated_wait_seconds / 60))} min`,
  );
  await w.banner.getByRole('button', { name: 'Stop waiting' }).click();
  await expect(w.banner).toContainText('You stopped waiting for an agent.');
});

test('cancelling after an agent took the conversation says it is already connected', async ({ page, aicc }) => {
  // A frozen clock: the status poll never runs; and the stream goes deaf (the socket stays
  // open, nothing reaches the page), so the widget still shows the wait when the agent accepts.
  await page.clock.install();
  const stream = await deafenableStream(page);
  const id = await askForAgent(page, aicc, true);
  const w = widget(page);
  await expect(w.banner.locator('.position')).toBeVisible();
  stream.deaf = true;
  const token = await availableAgent(aicc, 'park');
  const offer = await offerFor(aicc, token, id);
  expect((await aicc.json('POST', `/api/v1/agent/escalations/${offer.id}/accept`, {}, token)).status).toBe(200);

  await w.banner.getByRole('button', { name: '대기 취소' }).click();
  await expect(w.banner).toContainText('이미 상담원과 연결되어 취소할 수 없습니다.');
  await expect(w.banner.locator('strong')).toHaveText('상담원 연결');
  expect((await status(aicc, id)).state).toBe('assigned');
  const wrapped = await aicc.json('POST', `/api/v1/agent/escalations/${offer.id}/wrap-up`, { disposition: 'resolved' }, token);
  expect(wrapped.status).toBe(200);
  expect((await aicc.json('PUT', '/api/v1/agent/state', { state: 'offline' }, token)).status).toBe(200);
});

test('an agent accepts, answers live, wraps up, and the customer rates 4 stars once', async ({ page, aicc }) => {
  const id = await askForAgent(page, aicc);
  const w = widget(page);
  const st = await status(aicc, id);
  await expect(w.banner.locator('.position')).toHaveText(`대기 순번: ${st.position}번째`);
  await expect(w.banner.locator('.wait')).toHaveText(waitText(st.estimated_wait_seconds));
  await w.panel.screenshot({ path: join(SHOTS, 'widget-queue.png') });

  const kim = await availableAgent(aicc, 'kim');
  const offer = await offerFor(aicc, kim, id);
  const accepted = await aicc.json('POST', `/api/v1/agent/escalations/${offer.id}/accept`, {}, kim);
  expect(accepted.status, JSON.stringify(accepted.doc)).toBe(200);
  // The stream brings the change: the connected banner, no cancel button.
  await expect(w.banner.locator('strong')).toHaveText('상담원 연결');
  await expect(w.banner.getByRole('button', { name: '대기 취소' })).toHaveCount(0);

  const reply = '안녕하세요, 상담원 김상담입니다. 무엇을 도와드릴까요?';
  const sent = await aicc.json(
    'POST',
    `/api/v1/agent/conversations/${id}/messages`,
    { text: reply, client_msg_id: 'e2e-kim-1' },
    kim,
  );
  expect(sent.status).toBe(201);
  await expect(w.log.locator('.msg.agent .bubble')).toHaveText([reply]);
  await w.panel.screenshot({ path: join(SHOTS, 'widget-agent.png') });

  const wrapped = await aicc.json('POST', `/api/v1/agent/escalations/${offer.id}/wrap-up`, { disposition: 'resolved' }, kim);
  expect(wrapped.status).toBe(200);
  const rating = w.panel.getByRole('group', { name: '상담은 만족스러우셨나요?' });
  await expect(rating).toBeVisible();
  await expect(rating.getByRole('button')).toHaveCount(5);
  await w.panel.screenshot({ path: join(SHOTS, 'widget-csat.png') });
  // By keyboard: the fourth star, then Enter.
  await rating.getByRole('button', { name: '5점 중 4점' }).focus();
  await page.keyboard.press('Enter');
  await expect(w.panel.getByText('평가해 주셔서 감사합니다.')).toBeVisible();
  await expect(w.panel.getByRole('button', { name: '새 대화 시작' })).toBeFocused();
  expect((await status(aicc, id)).csat).toBe(4);

  // Not asked twice: after a reload the thanks stays, the stars do not come back.
  await page.reload();
  await expect(w.panel.getByText('평가해 주셔서 감사합니다.')).toBeVisible();
  await expect(w.panel.getByRole('group', { name: '상담은 만족스러우셨나요?' })).toHaveCount(0);
  expect((await aicc.json('PUT', '/api/v1/agent/state', { state: 'offline' }, kim)).status).toBe(200);
});

test('outside business hours the widget offers a callback; the server checks the number', async ({
  page,
  closedAicc,
}) => {
  // The bot hands over, then says nobody can answer now and offers a callback.
  const id = await askForAgent(page, closedAicc, false, 2);
  const w = widget(page);
  const st = await status(closedAicc, id);
  expect(st.state).toBe('callback_offered');
  await expect(w.botMessages.last()).toContainText(st.reference);
  await expect(w.banner.locator('.server-text')).toHaveText(st.message);
  const phone = w.banner.getByRole('textbox', { name: '연락받을 전화번호' });
  await phone.fill('12345');
  await w.banner.getByRole('button', { name: '전화 요청' }).click();
  // The server's own 400 message, next to the field.
  const error = w.banner.locator('#aicc-callback-error');
  await expect(error).not.toBeEmpty();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  const { doc: refused } = await closedAicc.json('POST', `/api/v1/conversations/${id}/callback`, { phone: '12345' });
  await expect(error).toHaveText(refused.error.message);
  await w.panel.screenshot({ path: join(SHOTS, 'widget-callback.png') });

  await phone.fill('010 9876 5432');
  await phone.press('Enter');
  await expect(w.banner).toContainText('010-9876-5432 번호로 상담원이 전화드리겠습니다.');
  const after = await status(closedAicc, id);
  expect(after.state).toBe('callback');
  expect(after.callback_phone).toBe('010-9876-5432');
});
