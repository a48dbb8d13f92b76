// What the browser tests share: a real `biobridge serve` on a free port with
// a fresh database and the demo data, and headless Debian Chromium driven by
// playwright-core.
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.BIOBRIDGE_CHROMIUM ?? '/usr/bin/chromium';

// The platform admin every test server starts with (the demo has none of its own).
export const ADMIN = { email: 'admin@biobridge.local', password: 'browser-test-admin-password' };

// Starts `biobridge serve --demo` on port 0; resolves once it prints its address.
export async function startServer() {
  const binary = process.env.BIOBRIDGE_BIN;
  if (!binary) throw new Error('set BIOBRIDGE_BIN to the biobridge binary');
  const dir = mkdtempSync(join(tmpdir(), 'biobridge-browser-'));
  const child = spawn(binary, ['serve', '--db', join(dir, 'biobridge.db'), '--port', '0', '--demo', '--threads', '2', '--jobs-interval', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BIOBRIDGE_ADMIN_EMAIL: ADMIN.email, BIOBRIDGE_ADMIN_PASSWORD: ADMIN.password },
  });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`biobridge did not start in 60 s:\n${output}`)), 60_000);
    const read = (chunk) => {
      output += chunk.toString();
      const url = output.match(/BioBridge listening on (http:\/\/[\d.]+:\d+)/);
      const password = output.match(/Demo accounts \(password "([^"]+)"\)/);
      if (url && password) {
        clearTimeout(timer);
        resolve({ url: url[1], demoPassword: password[1] });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`biobridge exited with ${code}:\n${output}`));
    });
  });
  const { url, demoPassword } = await ready;
  return {
    url,
    demoPassword,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Headless Chromium as the machine allows it: no sandbox (root in CI), no
// background networking (the network is closed), a fresh profile.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

// Screenshots go under the build directory (BIOBRIDGE_SCREENSHOTS); the whole
// page unless { fullPage: false } asks for what the window shows.
export async function screenshot(page, name, { fullPage = true } = {}) {
  const dir = process.env.BIOBRIDGE_SCREENSHOTS ?? join(tmpdir(), 'biobridge-screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

// The unread count the bell shows (0 without a badge).
export async function bellCount(page) {
  const count = page.locator('a.bell .count');
  return (await count.count()) === 0 ? 0 : Number(await count.textContent());
}

// A page that fails the test on any uncaught script error or console error.
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A response with an error status is logged by Chromium itself; the tests
    // check what the UI makes of those. Anything else logged as an error is a fault.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.problems = problems;
  return page;
}

// Two demo people signed in, each in a page of their own (with their UI
// language), on one server and browser started before a file's tests and
// stopped after them: { server, browser, <name>: page, ... } once started.
// `people` maps a name to { email, lang, options } (options: newPage's).
export function signedInPeople(people) {
  const session = {};
  before(async () => {
    session.server = await startServer();
    session.browser = await launchBrowser();
    for (const [name, { email, lang, options, password }] of Object.entries(people)) {
      session[name] = await newPage(session.browser, options);
      await signIn(session.server, session[name], email, lang, password ?? session.server.demoPassword);
    }
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}

// The usual setup of a test file: before its tests, a server, a browser and
// one page (with the UI language chosen in this browser when `lang` is
// given); after them, all stopped. The returned object is filled in by then.
export function serverBrowserAndPage({ lang } = {}) {
  const session = {};
  before(async () => {
    session.server = await startServer();
    session.browser = await launchBrowser();
    session.page = await newPage(session.browser);
    if (lang) {
      await session.page.goto(session.server.url);
      await session.page.evaluate((l) => localStorage.setItem('biobridge.lang', l), lang);
    }
  });
  after(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}

// Signs a demo account in through the sign-in form, with the UI language
// chosen in this browser first; resolves on the directory, signed in.
export async function signIn(server, page, email, lang = 'en', password = server.demoPassword) {
  await page.goto(server.url);
  await page.evaluate((l) => localStorage.setItem('biobridge.lang', l), lang);
  await page.goto(`${server.url}/signin`);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === '/home');  // what waits for them, not the directory
  await page.locator('nav a[href="/my"]').waitFor({ state: 'attached' });  // folded in the menu on a phone
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// axe-core's WCAG 2.1 A and AA rules on the page as it is now. The page's
// context needs { bypassCSP: true }: axe is injected as a script of the test's own.
export async function assertAccessible(page, what) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const problems = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n    ')}`,
  );
  assert.deepEqual(problems, [], `${what}: accessibility violations`);
  assert.ok(result.passes.length > 10, `${what}: axe ran its checks`);
}
