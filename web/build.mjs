// Builds web/dist, which the aicc binary embeds at compile time (cmake/EmbedAssets.cmake).
// Today: the API documentation page (Swagger UI from the swagger-ui-dist package).
import { cpSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'docs'), { recursive: true });

const swagger = join(here, 'node_modules', 'swagger-ui-dist');
if (!existsSync(swagger)) {
  console.error('web/build.mjs: swagger-ui-dist is missing; run `npm ci` in web/ first');
  process.exit(1);
}
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'LICENSE']) {
  cpSync(join(swagger, file), join(dist, 'docs', file));
}
cpSync(join(here, 'docs', 'index.html'), join(dist, 'docs', 'index.html'));
cpSync(join(here, 'docs', 'init.js'), join(dist, 'docs', 'init.js'));
console.log('web/dist built');
