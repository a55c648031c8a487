// Looking up UI texts, for every app: each keeps its own table of labels per language
// (Korean is the default), the staff apps built on the strings they share
// (staff-texts.ts). This fills in the {placeholders} and falls back where a label is missing.

export type Lang = 'ko' | 'en';
export type Vars = Record<string, string | number>;

// `template` with every {name} replaced by vars[name] (empty when not given).
export function fill(template: string, vars: Vars = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

// The label of `key` in `lang`, filled in; the key itself when the table has none.
export function translate<K extends string>(
  tables: Record<Lang, Readonly<Record<K, string>>>,
  lang: Lang,
  key: K,
  vars: Vars = {},
): string {
  const table = tables[lang] as Readonly<Record<string, string>>;
  return fill(table[key] ?? key, vars);
}

// The label of a code known only at run time (a state, a reason, a priority): the label
// of `${prefix}${code}`, or the code itself when the table has none.
export function codeLabel<K extends string>(
  tables: Record<Lang, Readonly<Record<K, string>>>,
  lang: Lang,
  prefix: string,
  code: string,
): string {
  const table = tables[lang] as Readonly<Record<string, string>>;
  return table[prefix + code] ?? code;
}
