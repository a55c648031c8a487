// The sign-in form of the staff apps (agent desktop, supervisor dashboard, admin console):
// a labelled form with the username and password, a submit button and an alert line for
// the problem. The app signs in (its own client, its own role check) and moves on; the
// form shows what went wrong.

export interface LoginTexts {
  title: string;
  username: string;
  password: string;
  submit: string;
}

export interface LoginOptions {
  texts: LoginTexts;
  // Shown at once, e.g. why the last session ended.
  problem?: string;
  // The submit button's class (the admin console's buttons are styled by class).
  submitClass?: string;
  // Signs in: resolves to a problem to show (e.g. the account has the wrong role), or to
  // nothing once signed in; a rejection is shown through `failed`.
  signIn(username: string, password: string): Promise<string | void>;
  failed(error: unknown): string;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  text = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}

// The form; put it on the page, then call focusLogin() on it.
export function loginForm(options: LoginOptions): HTMLFormElement {
  const { texts } = options;
  const user = element('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: '' });
  const pass = element('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: '',
  });
  const error = element('p', { id: 'login-error', role: 'alert', class: 'error' }, options.problem ?? '');
  const submit = element('button', { type: 'submit' }, texts.submit);
  if (options.submitClass) submit.className = options.submitClass;
  const form = element('form', { class: 'login', 'aria-labelledby': 'login-title' });
  form.append(
    element('h1', { id: 'login-title' }, texts.title),
    element('label', { for: 'login-username' }, texts.username),
    user,
    element('label', { for: 'login-password' }, texts.password),
    pass,
    submit,
    error,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    try {
      const problem = await options.signIn(user.value, pass.value);
      if (problem) error.textContent = problem;
    } catch (e) {
      error.textContent = options.failed(e);
    }
  });
  return form;
}

// Puts the cursor in the form's first field.
export function focusLogin(form: HTMLFormElement): void {
  form.querySelector('input')?.focus();
}
