// Builds web/dist, which the aicc binary embeds at compile time (cmake/EmbedAssets.cmake):
//   docs/     the API documentation page (Swagger UI from the swagger-ui-dist package)
//   widget/   the customer chat widget (widget.js, one file to embed) and its demo pages
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
await esbuild.build({
  entryPoints: [join(here, 'src', 'widget', 'index.ts')],
  outfile: join(dist, 'widget', 'widget.js'),
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});

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
// ---- supervisor dashboard (/supervisor): one script with uPlot inside, its CSS, the page ----
need('uplot');
mkdirSync(join(dist, 'supervisor'), { recursive: true });
await esbuild.build({
  entryPoints: [join(here, 'src', 'supervisor', 'index.ts')],
  outfile: join(dist, 'supervisor', 'supervisor.js'),
  bundle: true,
  format: 'iife',
  target: ['es2020'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'supervisor.css']) {
  cpSync(join(here, 'src', 'supervisor', file), join(dist, 'supervisor', file));
}
cpSync(join(here, 'node_modules', 'uplot', 'dist', 'uPlot.min.css'), join(dist, 'supervisor', 'uPlot.min.css'));
cpSync(join(here, 'node_modules', 'uplot', 'LICENSE'), join(dist, 'supervisor', 'uPlot.LICENSE'));

console.log('web/dist built');
