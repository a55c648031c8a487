// Builds web/dist, which the aicc binary embeds at compile time (cmake/EmbedAssets.cmake):
//   docs/     the API documentation page (Swagger UI from the swagger-ui-dist package)
//   widget/   the customer chat widget (widget.js, one file to embed) and its demo pages
//   admin/    the admin console (/admin)
// The apps' TypeScript sources are in src/<app>, shared code (API client, i18n) in src/shared.
import { cpSync, mkdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'docs'), { recursive: true });
mkdirSync(join(dist, 'widget'), { recursive: true });

const need = (pkg) => {
  if (!existsSync(join(here, 'node_modules', pkg))) {
    console.error(`web/build.mjs: ${pkg} is missing; run \`npm ci\` in web/ first`);
    process.exit(1);
  }
};

need('swagger-ui-dist');
const swagger = join(here, 'node_modules', 'swagger-ui-dist');
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'LICENSE']) {
  cpSync(join(swagger, file), join(dist, 'docs', file));
}
cpSync(join(here, 'docs', 'index.html'), join(dist, 'docs', 'index.html'));
cpSync(join(here, 'docs', 'init.js'), join(dist, 'docs', 'init.js'));

// The widget: one self-contained script (CSS inside), so embedding is one tag.
need('esbuild');
const esbuild = await import('esbuild');
// bundle(SOURCE, OUTPUT): one app as one minified script (its CSS inside or alongside).
const bundle = (entry, outfile) =>
  esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'iife',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
await bundle(join(here, 'src', 'widget', 'index.ts'), join(dist, 'widget', 'widget.js'));

// Demo host pages, Korean and English, each embedding the widget with the one tag.
const demo = readFileSync(join(here, 'src', 'widget', 'demo.html'), 'utf8');
const pages = {
  'demo.html': {
    lang: 'ko',
    title: 'AICC 채팅 위젯 데모',
    heading: 'AICC 채팅 위젯 데모',
    intro: '오른쪽 아래 버튼을 눌러 상담을 시작하세요. 이 페이지는 아래 한 줄로 위젯을 넣었습니다.',
    other_href: '/demo/en',
    other_label: 'English demo',
  },
  'demo.en.html': {
    lang: 'en',
    title: 'AICC chat widget demo',
    heading: 'AICC chat widget demo',
    intro: 'Press the button at the bottom right to start a chat. This page embeds the widget with the one line below.',
    other_href: '/demo',
    other_label: '한국어 데모',
  },
};
for (const [file, vars] of Object.entries(pages)) {
  // The snippet shows a placeholder host: a static page cannot know the server's public name.
  const html = demo.replace(/\{\{(\w+)\}\}/g, (_, k) => (k === 'origin' ? 'https://YOUR-AICC-HOST' : vars[k]));
  writeFileSync(join(dist, 'widget', file), html);
}
// ---- The admin console (/admin): one script and its stylesheet, and the page. ----
mkdirSync(join(dist, 'admin'), { recursive: true });
await bundle(join(here, 'src', 'admin', 'index.ts'), join(dist, 'admin', 'admin.js'));
cpSync(join(here, 'src', 'admin', 'index.html'), join(dist, 'admin', 'index.html'));
cpSync(join(here, 'src', 'admin', 'admin.css'), join(dist, 'admin', 'admin.css'));
// ---- supervisor dashboard (/supervisor): one script with uPlot inside, its CSS, the page ----
need('uplot');
mkdirSync(join(dist, 'supervisor'), { recursive: true });
await bundle(join(here, 'src', 'supervisor', 'index.ts'), join(dist, 'supervisor', 'supervisor.js'));
for (const file of ['index.html', 'supervisor.css']) {
  cpSync(join(here, 'src', 'supervisor', file), join(dist, 'supervisor', file));
}
cpSync(join(here, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'), join(dist, 'supervisor', 'uPlot.min.css'));
cpSync(join(here, 'node_modules', 'uplot', 'LICENSE'), join(dist, 'supervisor', 'uPlot.LICENSE'));

console.log('web/dist built');

// ---- The agent desktop (/agent): one script and one stylesheet, versioned by content so
// a new build is fetched at once while the files stay cacheable. ----
{
  const { createHash } = await import('node:crypto');
  mkdirSync(join(dist, 'agent'), { recursive: true });
  await bundle(join(here, 'src', 'agent', 'main.ts'), join(dist, 'agent', 'agent.js'));
  cpSync(join(here, 'src', 'agent', 'agent.css'), join(dist, 'agent', 'agent.css'));
  const version = createHash('sha256')
    .update(readFileSync(join(dist, 'agent', 'agent.js')))
    .update(readFileSync(join(dist, 'agent', 'agent.css')))
    .digest('hex')
    .slice(0, 12);
  const html = readFileSync(join(here, 'src', 'agent', 'index.html'), 'utf8').replaceAll('{{version}}', version);
  writeFileSync(join(dist, 'agent', 'index.html'), html);
  console.log('web/dist/agent built');
}
