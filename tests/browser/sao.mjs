// Shared by the browser scripts: Debian's Chromium, headless, and the sao
// login.
import { chromium } from 'playwright-core';

export async function launch() {
    return chromium.launch({
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
            '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
}

// Log into sao at url and wait for its menu. The database list loads after
// the dialog: a select when there are several databases, an input
// (read-only when there is only one).
export async function login(page, url, database, user, password) {
    await page.goto(url);
    await page.waitForSelector('#login', {timeout: 30000});
    const select = page.locator('select#database');
    const input = page.locator('input#database');
    // the list comes from the server: wait for it however long a busy
    // machine takes, not a fixed time
    await page.waitForFunction(() => {
        const select = document.querySelector('select#database');
        const input = document.querySelector('input#database');
        const visible = e => e && e.offsetParent !== null;
        return (visible(select) && select.options.length) || visible(input);
    }, null, {timeout: 60000});
    if (await select.isVisible() && await select.locator('option').count()) {
        await select.selectOption(database);
    } else if (await input.isEditable()) {
        await input.fill(database);
    }
    await page.fill('#login', user);
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[type=password]:visible', {timeout: 30000});
    await page.fill('input[type=password]:visible', password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#menu', {timeout: 60000});
}

// Count sao's calls to the server in flight and define window.gold_idle():
// sao is idle when it shows no "Processing", has no call in flight and got
// no answer in the last 300 ms (sao chains its calls: the next one of a
// chain starts after the answer of the one before). Wait on it, never on a
// fixed time, so that a busy machine only runs slower.
export async function watchIdle(page) {
    await page.waitForFunction(() => window.Sao && Sao.main_menu_screen,
        null, {timeout: 60000});
    await page.evaluate(() => {
        const rpc = Sao.rpc;
        window.gold_inflight = 0;
        window.gold_answered = Date.now();
        Sao.rpc = function(...args) {
            const answer = rpc.apply(this, args);
            if (answer && answer.always) {
                window.gold_inflight += 1;
                answer.always(() => {
                    window.gold_inflight -= 1;
                    window.gold_answered = Date.now();
                });
            }
            return answer;
        };
        Object.assign(Sao.rpc, rpc);
        window.gold_idle = () => !jQuery('#processing').is(':visible')
            && window.gold_inflight === 0
            && Date.now() - window.gold_answered > 300;
    });
}
