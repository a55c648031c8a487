// The agent desktop (/agent) against the real server, with a customer in the widget in a
// second browser context: the offer arrives over the agent stream, the agent accepts, reads
// the context, replies with a canned response, both sides see each other live, the agent
// wraps up and the customer rates. And: an offer's countdown, and declining it.
import type { Browser, Page } from '@playwright/test';
import { join } from 'node:path';
import { ADMIN_PASSWORD, AGENT_PASSWORD, type Aicc, expect, test } from './fixtures';
import { SHOTS, conversationId, say, widget } from './widget-page';

async function createAgent(server: Aicc, username: string): Promise<void> {
  const admin = await server.login('admin', ADMIN_PASSWORD);
  const created = await server.json(
    'POST',
    '/api/v1/agents',
    {
      username,
      password: AGENT_PASSWORD,
      display_name: '이상담',
      languages: ['ko', 'en'],
      // Every queue's skill: whichever queue the bot picks, this agent may take it.
      skills: ['complaint', 'technical', 'billing'].map((name) => ({ name, level: 3 })),
    },
    admin,
  );
  expect(created.status, JSON.stringify(created.doc)).toBe(201);
}

// The desktop in its own browser context (its own sessionStorage), logged in by the form
// and made available with the state selector.
async function openDesk(browser: Browser, server: Aicc, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 800 } });
  const desk = await context.newPage();
  await desk.goto(server.url + '/agent');
  await expect(desk.getByRole('heading', { name: '상담원 로그인' })).toBeVisible();
  await desk.getByLabel('아이디').fill(username);
  await desk.getByLabel('비밀번호').fill(AGENT_PASSWORD);
  await desk.getByRole('button', { name: '로그인' }).click();
  await expect(desk.getByRole('heading', { name: '상담원 데스크' })).toBeVisible();
  await expect(desk.getByRole('status').filter({ hasText: '실시간 연결됨' })).toBeVisible();
  await desk.getByLabel('상태', { exact: true }).selectOption('available');
  await desk.getByRole('button', { name: '상태 변경' }).click();
  await expect(desk.locator('.notice')).toHaveText('상태: 상담 가능');
  return desk;
}

async function status(server: Aicc, id: string): Promise<any> {
  const { status: code, doc } = await server.json('GET', `/api/v1/conversations/${id}/status`);
  expect(code).toBe(200);
  return doc;
}

async function goOffline(server: Aicc, username: string): Promise<void> {
  const token = await server.login(username, AGENT_PASSWORD);
  expect((await server.json('PUT', '/api/v1/agent/state', { state: 'offline' }, token)).status).toBe(200);
}

test('an agent takes a hand-over in the desktop: context, canned reply, live messages, wrap-up, CSAT', async ({
  page,
  browser,
  aicc,
}) => {
  await createAgent(aicc, 'desk1');
  const desk = await openDesk(browser, aicc, 'desk1');

  // The customer asks the bot for a person.
  await page.goto(aicc.url + '/demo');
  const w = widget(page);
  await w.launcher.click();
  await expect(w.botMessages.first()).toBeVisible();
  const problem = '지난주에 주문한 노트북 배송이 아직 안 왔어요. 환불 받을 수 있나요?';
  await say(page, problem);
  await say(page, '상담원 연결해 주세요');
  const id = await conversationId(page);
  let st = await status(aicc, id);
  expect(['queued', 'offered']).toContain(st.state);

  // The offer arrives over the stream, with its countdown.
  const offer = desk.getByRole('listitem').filter({ has: desk.getByText(`상담 요청 ${st.reference}`) });
  await expect(offer).toBeVisible({ timeout: 30_000 });
  await expect(offer.locator('.countdown')).toHaveText(/^([1-9]|[12][0-9]|30)초 남음$/);
  await offer.getByRole('button', { name: '수락' }).click();

  // A tab with the context.
  const tab = desk.getByRole('tab', { name: st.reference });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const panel = desk.getByRole('tabpanel');
  const log = panel.getByRole('log', { name: '대화 내용' });
  const first = log.locator('.msg.customer').filter({ hasText: problem });
  await expect(first).toBeVisible();
  await expect(first.locator('.badge.intent')).toContainText('의도:');
  await expect(first.locator('.badge.sentiment')).toHaveText(/부정|중립|긍정/);
  const escalation = panel.getByRole('region', { name: '에스컬레이션' });
  await expect(escalation).toContainText(st.reference);
  await expect(escalation).toContainText(st.reason);
  await expect(panel.getByRole('region', { name: '고객 정보' })).toContainText('이전 상담 0건');
  await expect(panel.getByRole('region', { name: '요약' }).locator('.summary li').first()).toContainText(
    '노트북 배송이 아직 안 왔어요',
  );
  st = await status(aicc, id);
  expect(st.state).toBe('assigned');

  // A canned response by its shortcut: "/hel", Enter picks it, Enter sends it.
  const reply = panel.getByRole('combobox', { name: '고객에게 보낼 답변' });
  await reply.fill('/hel');
  const option = panel.getByRole('listbox', { name: '상용구' }).getByRole('option', { name: /\/hello/ });
  await expect(option).toBeVisible();
  await reply.press('Enter');
  const { doc: cannedList } = await aicc.json(
    'GET',
    '/api/v1/agent/canned-responses?language=ko&q=/hello',
    undefined,
    await aicc.login('desk1', AGENT_PASSWORD),
  );
  const greeting: string = cannedList.canned_responses[0].text;
  await expect(reply).toHaveValue(greeting);
  await reply.press('Enter');
  await expect(reply).toHaveValue('');
  await expect(log.locator('.msg.agent .bubble')).toHaveText([greeting]);
  // The customer sees it live.
  await expect(w.log.locator('.msg.agent .bubble')).toHaveText([greeting]);

  // The customer answers; the agent sees it live.
  await w.input.fill('주문번호는 ORD-20240101 입니다');
  await w.input.press('Enter');
  await expect(log.locator('.msg.customer').last()).toContainText('주문번호는 ORD-20240101 입니다');
  await desk.screenshot({ path: join(SHOTS, 'agent-desktop.png') });

  // Wrap-up closes the tab; the customer rates.
  const wrap = panel.getByRole('region', { name: '상담 종료 처리' });
  await wrap.getByLabel('처리 결과').selectOption('resolved');
  await wrap.getByLabel('메모').fill('환불 안내 완료');
  await wrap.getByRole('button', { name: '종료하고 탭 닫기' }).click();
  await expect(tab).toHaveCount(0);
  await expect(desk.getByText('진행 중인 상담이 없습니다.', { exact: false })).toBeVisible();
  const done = await status(aicc, id);
  expect(done.state).toBe('done');

  const rating = w.panel.getByRole('group', { name: '상담은 만족스러우셨나요?' });
  await expect(rating).toBeVisible();
  await rating.getByRole('button', { name: '5점 중 5점' }).click();
  await expect(w.panel.getByText('평가해 주셔서 감사합니다.')).toBeVisible();
  expect((await status(aicc, id)).csat).toBe(5);

  await goOffline(aicc, 'desk1');
  await desk.context().close();
});

test('an offer counts down and a declined offer goes back to the queue', async ({ browser, aicc }) => {
  await createAgent(aicc, 'desk2');
  const desk = await openDesk(browser, aicc, 'desk2');
  const { doc: opened } = await aicc.json('POST', '/api/v1/conversations', { channel: 'web', language: 'ko' });
  const id = opened.conversation.id;
  const esc = await aicc.json('POST', `/api/v1/conversations/${id}/escalate`, { reason: 'customer_request' });
  expect(esc.status).toBe(201);

  const offer = desk.getByRole('listitem').filter({ has: desk.getByText(`상담 요청 ${esc.doc.reference}`) });
  await expect(offer).toBeVisible({ timeout: 30_000 });
  const countdown = offer.locator('.countdown');
  const seconds = async () => Number((await countdown.textContent())!.replace(/\D/g, ''));
  const before = await seconds();
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThanOrEqual(30);
  await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(before);

  await offer.getByRole('button', { name: '거절' }).click();
  await expect(offer).toHaveCount(0);
  expect((await status(aicc, id)).state).toBe('queued');
  await expect(desk.getByRole('tab')).toHaveCount(0);

  await goOffline(aicc, 'desk2');
  expect((await aicc.json('POST', `/api/v1/conversations/${id}/escalation/cancel`)).status).toBe(200);
  await desk.context().close();
});

test('two conversations in tabs; one is transferred to another queue and its tab closes', async ({ browser, aicc }) => {
  await createAgent(aicc, 'desk3');
  const desk = await openDesk(browser, aicc, 'desk3');
  const refs: string[] = [];
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const { doc } = await aicc.json('POST', '/api/v1/conversations', { channel: 'web', language: 'ko' });
    const esc = await aicc.json('POST', `/api/v1/conversations/${doc.conversation.id}/escalate`, {
      reason: 'customer_request',
    });
    expect(esc.status).toBe(201);
    ids.push(doc.conversation.id);
    refs.push(esc.doc.reference);
    const offer = desk.getByRole('listitem').filter({ has: desk.getByText(`상담 요청 ${esc.doc.reference}`) });
    await expect(offer).toBeVisible({ timeout: 30_000 });
    await offer.getByRole('button', { name: '수락' }).click();
    await expect(desk.getByRole('tab', { name: esc.doc.reference })).toHaveAttribute('aria-selected', 'true');
  }
  await expect(desk.getByRole('tab')).toHaveCount(2);
  // The arrow keys move between the tabs.
  await desk.getByRole('tab', { name: refs[1] }).press('ArrowLeft');
  await expect(desk.getByRole('tab', { name: refs[0] })).toHaveAttribute('aria-selected', 'true');
  await expect(desk.getByRole('tab', { name: refs[0] })).toBeFocused();

  const transfer = desk.getByRole('tabpanel').getByRole('region', { name: '이관' });
  await transfer.getByLabel('이관할 대기열').selectOption('tech-support-queue');
  await transfer.getByRole('button', { name: '이관하기' }).click();
  await expect(desk.getByRole('tab')).toHaveCount(1);
  await expect(desk.getByRole('tab', { name: refs[1] })).toHaveAttribute('aria-selected', 'true');
  const moved = await status(aicc, ids[0]);
  expect(moved.queue.id).toBe('tech-support-queue');
  expect(['queued', 'offered']).toContain(moved.state);
  expect(moved.reference).toBe(refs[0]);

  // The English labels, after the switch.
  await desk.getByRole('button', { name: 'English' }).click();
  await expect(desk.getByRole('heading', { name: 'Agent desktop' })).toBeVisible();
  await expect(desk.getByRole('tab', { name: refs[1] })).toBeVisible();
  await expect(desk.getByRole('tabpanel').getByRole('region', { name: 'Wrap up' })).toBeVisible();

  await goOffline(aicc, 'desk3');
  const token = await aicc.login('desk3', AGENT_PASSWORD);
  const { doc: inbox } = await aicc.json('GET', '/api/v1/agent/inbox', undefined, token);
  for (const w of inbox.conversations)
    expect((await aicc.json('POST', `/api/v1/agent/escalations/${w.id}/wrap-up`, { disposition: 'resolved' }, token)).status).toBe(200);
  expect((await aicc.json('POST', `/api/v1/conversations/${ids[0]}/escalation/cancel`)).status).toBe(200);
  await desk.context().close();
});

test('a wrong password, and an account without an agent profile, stay at the sign-in', async ({ page, aicc }) => {
  await page.goto(aicc.url + '/agent');
  await expect(page.getByRole('heading', { name: '상담원 로그인' })).toBeVisible();
  await page.getByLabel('아이디').fill('admin');
  await page.getByLabel('비밀번호').fill('wrong password');
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('alert')).toContainText('로그인하지 못했습니다:');
  await page.getByLabel('비밀번호').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('alert')).toHaveText('이 계정에는 상담원 프로필이 없습니다.');
  await expect(page.getByRole('heading', { name: '상담원 로그인' })).toBeVisible();
});
