// Builds the web app (dist/web) when it is missing or older than its sources, so `npm start`
// works straight after `npm install` and stays fast on later starts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const out = path.resolve('dist/web/index.html');
const sources = ['index.html', 'vite.config.ts', 'src/web', 'src/domain', 'package-lock.json'];

function newest(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) max = Math.max(max, newest(path.join(entry, child)));
  return max;
}

const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
const changed = Math.max(...sources.map(newest));
if (!fs.existsSync('index.html')) {
  console.log('No web app sources yet; serving the API only.');
} else if (built < changed) {
  console.log('Building the web app (dist/web)...');
  execFileSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
