// The supervisor dashboard against the real server: a supervisor signs in, sees today's
// numbers, the queues and the agents; a customer in the widget asks for an agent, an agent
// (driven over the API) takes the conversation and wraps up, the customer rates — and the
// dashboard's numbers follow without a reload.
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { ADMIN_PASSWORD, AGENT_PASSWORD, type Aicc, expect, test } from './fixtures';
import { SHOTS, conversationId, say, widget } from './widget-page';

async function newUser(aicc: Aicc, username: string, role: string): Promise<void> {
  const admin = await aicc.login('admin', ADMIN_PASSWORD);
  const made = await aicc.json(
    'POST',
    '/api/v1/agents',
    { username, password: AGENT_PASSWORD, role, display_name: username, languages: ['ko', 'en'] },
    admin,
  );
  expect(made.status, JSON.stringify(made.doc)).toBe(201);
}

async function signIn(page: Page, aicc: Aicc, username: string): Promise<void> {
  await page.goto(aicc.url + '/supervisor');
  await page.getByLabel('아이디').fill(username);
  await page.getByLabel('비밀번호').fill(AGENT_PASSWORD);
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('heading', { name: 'AICC 슈퍼바이저 대시보드' })).toBeVisible();
}

const value = (page: Page, kpi: string) => page.locator(`#kpi-${kpi} .value`);

test('the dashboard shows today and follows a hand-off to an agent and the rating', async ({ page, context, aicc }) => {
  const suffix = Date.now().toString(36);
  const sup = `sup-${suffix}`;
  await newUser(aicc, sup, 'supervisor');
  await signIn(page, aicc, sup);
  const token = await aicc.login(sup, AGENT_PASSWORD);
  const { doc: before } = await aicc.json('GET', '/api/v1/analytics/summary', undefined, token);
  await expect(value(page, 'conversations')).toHaveText(String(before.conversations.started));
  await expect(value(page, 'escalations')).toHaveText(String(before.escalations.total));
  await expect(page.locator('#queues tbody tr').first()).toBeVisible();
  await expect(page.locator('#chart-hours canvas')).toBeVisible();

  // A customer talks to the bot and asks for an agent.
  const customer = await context.newPage();
  await customer.goto(aicc.url + '/demo');
  await widget(customer).launcher.click();
  await expect(widget(customer).botMessages.first()).toBeVisible();
  await say(customer, '상담원 연결해 주세요');
  const id = await conversationId(customer);
  await expect(value(page, 'conversations')).toHaveText(String(before.conversations.started + 1));
  await expect(value(page, 'escalations')).toHaveText(String(before.escalations.total + 1));

  // An agent takes it, wraps up; the customer rates.
  const agentName = `agent-${suffix}`;
  await newUser(aicc, agentName, 'agent');
  const agent = await aicc.login(agentName, AGENT_PASSWORD);
  expect((await aicc.json('PUT', '/api/v1/agent/state', { state: 'available' }, agent)).status).toBe(200);
  let offer: { id: string } | undefined;
  await expect
    .poll(async () => {
      const { doc } = await aicc.json('GET', '/api/v1/agent/inbox', undefined, agent);
      offer = doc.offers.find((o: { conversation_id: string }) => o.conversation_id === id);
      return offer !== undefined;
    })
    .toBe(true);
  expect((await aicc.json('POST', `/api/v1/agent/escalations/${offer!.id}/accept`, undefined, agent)).status).toBe(200);
  await expect(page.locator(`#agents tr:has-text("${agentName}") .load`)).toHaveText('1 / 3');
  const done = await aicc.json('POST', `/api/v1/agent/escalations/${offer!.id}/wrap-up`, { disposition: 'resolved' }, agent);
  expect(done.status, JSON.stringify(done.doc)).toBe(200);
  expect((await aicc.json('POST', `/api/v1/conversations/${id}/csat`, { score: 5 })).status).toBe(200);

  await expect(page.locator('#kpi-csat .sub')).toHaveText(`${before.csat.count + 1}건 평가`);
  await expect(page.locator('#kpi-handle .value')).not.toHaveText('—');
  await expect(page.locator('#kpi-containment .sub')).toHaveText(
    `${before.conversations.contained} / ${before.conversations.ended + 1}`,
  );
  await page.screenshot({ path: join(SHOTS, 'supervisor-dashboard.png') });

  // The supervisor changes the agent's state from the dashboard.
  await page.getByLabel(`${agentName} 상태 변경`).selectOption('break');
  await expect
    .poll(async () => {
      const { doc } = await aicc.json('GET', '/api/v1/agent/me', undefined, agent);
      return doc.state?.state;
    })
    .toBe('break');
});

test('an agent cannot use the dashboard; the language switch and bad sign-ins', async ({ page, aicc }) => {
  const name = `plain-${Date.now().toString(36)}`;
  await newUser(aicc, name, 'agent');
  await page.goto(aicc.url + '/supervisor');
  await page.getByLabel('언어').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Supervisor sign-in' })).toBeVisible();
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#login-error')).toContainText('Could not sign in');
  await page.getByLabel('Password').fill(AGENT_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#login-error')).toHaveText('Only supervisor and admin accounts can use this dashboard.');
});

test('the supervisor offers a waiting customer to a chosen agent (force-assign)', async ({ page, aicc }) => {
  const suffix = Date.now().toString(36);
  const sup = `boss-${suffix}`;
  const agentName = `busy-${suffix}`;
  await newUser(aicc, sup, 'supervisor');
  await newUser(aicc, agentName, 'agent');
  const agent = await aicc.login(agentName, AGENT_PASSWORD);
  // On a break, so routing offers them nothing by itself.
  expect((await aicc.json('PUT', '/api/v1/agent/state', { state: 'break' }, agent)).status).toBe(200);
  const { doc: opened } = await aicc.json('POST', '/api/v1/conversations', { channel: 'web', language: 'ko' });
  const id = opened.conversation.id;
  const escalated = await aicc.json('POST', `/api/v1/conversations/${id}/escalate`, { reason: 'complaint' });
  expect(escalated.status, JSON.stringify(escalated.doc)).toBe(201);
  const reference = escalated.doc.reference;

  await signIn(page, aicc, sup);
  const row = page.locator(`#waiting tr[data-escalation="${escalated.doc.id}"]`);
  await expect(row).toContainText(reference);
  await page.getByLabel(`${reference} 배정할 상담원`).selectOption({ label: agentName });
  await page.getByRole('button', { name: `${reference} 상담원에게 배정` }).click();
  await expect
    .poll(async () => {
      const { doc } = await aicc.json('GET', '/api/v1/agent/inbox', undefined, agent);
      return doc.offers.some((o: { conversation_id: string }) => o.conversation_id === id);
    })
    .toBe(true);
  await expect(row).toHaveCount(0);
});
