// The admin console against the real server: an admin logs in, edits an FAQ answer and the
// widget (another browser context, a customer) answers with the new text; an invalid
// scenario upload shows every problem; retraining shows its progress and the report.
import type { Browser, Page } from '@playwright/test';
import { join } from 'node:path';
import { ADMIN_PASSWORD, AGENT_PASSWORD, expect, test } from './fixtures';
import { SHOTS, say, widget } from './widget-page';

async function logIn(page: Page, url: string): Promise<void> {
  await page.goto(url + '/admin');
  await page.getByLabel('아이디').fill('admin');
  await page.getByLabel('비밀번호').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('tab', { name: 'FAQ' })).toHaveAttribute('aria-selected', 'true');
}

test('an edited FAQ answer is what the widget says next', async ({ page, browser, aicc }) => {
  // The server is shared with the other spec files: put the answer back afterwards.
  const admin = await aicc.login('admin', ADMIN_PASSWORD);
  const { doc: list } = await aicc.json('GET', '/api/v1/admin/faq?language=ko', undefined, admin);
  const original = list.entries.find((e: { id: string }) => e.id === 'faq_business_hours');
  try {
    await editAndAsk(page, browser, aicc.url);
  } finally {
    const { id, language, view_count, helpful_count, not_helpful_count, updated_at, ...fields } = original;
    void [id, language, view_count, helpful_count, not_helpful_count, updated_at];
    const put = await aicc.json('PUT', '/api/v1/admin/faq/faq_business_hours/ko', fields, admin);
    expect(put.status).toBe(200);
  }
});

async function editAndAsk(page: Page, browser: Browser, url: string): Promise<void> {
  await logIn(page, url);
  const row = page.locator('tr[data-faq-id="faq_business_hours"]');
  await row.getByRole('button', { name: '편집 faq_business_hours' }).click();
  const answer = page.getByLabel('답변');
  await expect(answer).toBeFocused();
  const newAnswer = '연중무휴 24시간 상담합니다. (관리 콘솔에서 수정)';
  await answer.fill(newAnswer);
  await page.getByRole('button', { name: '저장' }).click();
  await expect(page.getByText('저장했습니다.')).toBeVisible();
  await expect(row).toContainText(newAnswer);

  // "Test a question" shows what a customer would get.
  await page.getByLabel('고객 질문').fill('영업시간이 어떻게 되나요?');
  await page.getByRole('button', { name: '테스트' }).click();
  await expect(page.getByRole('status').filter({ hasText: '자동 응답' })).toContainText(newAnswer);

  // A customer in another browser context gets the new answer.
  const customer = await browser.newContext();
  const chat = await customer.newPage();
  await chat.goto(url + '/demo');
  const w = widget(chat);
  await w.launcher.click();
  await expect(w.botMessages.first()).toBeVisible();
  const reply = await say(chat, '영업시간이 어떻게 되나요?');
  await expect(reply).toContainText(newAnswer);
  await customer.close();
}

test('an invalid scenario upload shows its errors; a valid one is checked', async ({ page, aicc }) => {
  await logIn(page, aicc.url);
  await page.getByRole('tab', { name: '시나리오' }).click();
  await expect(page.getByRole('cell', { name: '예약 접수', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '보기 reservation' }).click();
  await expect(page.locator('pre')).toContainText('id: reservation');
  await page.getByRole('button', { name: '검사' }).click();
  await expect(page.locator('#scenario-report')).toContainText('올바른 정의입니다.');

  await page.getByLabel('정의 (YAML 또는 JSON)').fill(
    [
      'id: broken_form',
      'name: {ko: 고장난 양식, en: Broken}',
      'trigger_intents: [broken_intent]',
      'steps:',
      '  - id: ask_name',
      '    type: text',
      '    prompt: {ko: "이름?", en: "Name?"}',
      '    next: ask_nowhere',
      '  - id: ask_color',
      '    type: colour',
      '    prompt: {ko: "색상?", en: "Colour?"}',
    ].join('\n'),
  );
  await page.getByRole('button', { name: '올리기' }).click();
  const report = page.locator('#scenario-report');
  await expect(report).toContainText('정의에 문제가');
  await expect(report.locator('li').filter({ hasText: 'ask_nowhere' })).toBeVisible();
  await expect(report.locator('li').filter({ hasText: 'colour' })).toBeVisible();
  const { doc } = await aicc.json('GET', '/api/v1/admin/scenarios', undefined, await aicc.login('admin', ADMIN_PASSWORD));
  expect(doc.scenarios.map((s: { id: string }) => s.id)).not.toContain('broken_form');
});

test('retraining shows progress and the evaluation report', async ({ page, aicc }) => {
  // Six trainings in a debug or ASan build on a busy machine: a hang guard, not a measure.
  test.setTimeout(300_000);
  await logIn(page, aicc.url);
  await page.getByRole('tab', { name: 'FAQ' }).press('ArrowRight');
  await page.getByRole('tab', { name: '시나리오' }).press('ArrowRight');
  await expect(page.getByRole('tab', { name: '인텐트·학습' })).toBeFocused();
  await expect(page.getByRole('cell', { name: 'order_status', exact: true })).toBeVisible();
  await page.getByRole('button', { name: '다시 학습' }).click();
  await expect(page.locator('#retrain-status progress')).toBeVisible();
  await expect(page.locator('#retrain-status')).toContainText('학습을 마치고 새 모델을 적용했습니다.', {
    timeout: 280_000,
  });
  const report = page.locator('#nlu-report');
  await expect(report).toContainText('5겹 교차 검증');
  await expect(report).toContainText('Macro-F1');
  await expect(report.getByRole('cell', { name: 'order_status', exact: true })).toBeVisible();
  await page.screenshot({ path: join(SHOTS, 'admin-console.png') });

  // English, by the switch.
  await page.getByLabel('Language').selectOption('en');
  await expect(page.getByRole('tab', { name: 'Intents & training' })).toBeVisible();
});

test('only an admin signs in: a wrong password and a supervisor account are refused', async ({ page, aicc }) => {
  const name = `sup-${Date.now().toString(36)}`;
  const made = await aicc.json(
    'POST',
    '/api/v1/agents',
    { username: name, password: AGENT_PASSWORD, role: 'supervisor', display_name: name, languages: ['ko'] },
    await aicc.login('admin', ADMIN_PASSWORD),
  );
  expect(made.status, JSON.stringify(made.doc)).toBe(201);
  await page.goto(aicc.url + '/admin');
  await expect(page.getByRole('heading', { name: '관리자 로그인' })).toBeVisible();
  await page.getByLabel('아이디').fill(name);
  await page.getByLabel('비밀번호').fill('wrong password');
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('alert')).toContainText('로그인하지 못했습니다:');
  await expect(page.getByRole('alert')).toContainText('(401)');
  await page.getByLabel('비밀번호').fill(AGENT_PASSWORD);
  await page.getByRole('button', { name: '로그인' }).click();
  await expect(page.getByRole('alert')).toHaveText('관리자만 사용할 수 있습니다.');
  await expect(page.getByRole('tab', { name: 'FAQ' })).toHaveCount(0);
});
