// The counter's fastest path in sao, as a cashier with a scanner works it:
// New, then code after code without touching the mouse (a scanner types
// the code and Enter wherever the focus is). The first code is typed at
// once after the click on New, before sao has drawn the bill. After each
// code, when sao is idle: where the focus is, what Scan holds, the message
// beside it, the bill's lines and date. At the end, at the window's size:
// whether the newest line, its amount, the totals, To Pay and the Pay button
// are in view without scrolling the page.
// Prints JSON on its last line: {scans: [...], layout: {...}, errors}.
// Usage: node counter_scan.mjs URL DATABASE LOGIN PASSWORD CODES OUTDIR WxH
// CODES: comma-separated, as the scanner types them.
import path from 'path';
import { launch, login, watchIdle } from './sao.mjs';

const [url, database, user, password, codes, outdir, size] =
    process.argv.slice(2);
const [width, height] = (size || '1366x768').split('x').map(Number);
const TIMEOUT = 60000;
const browser = await launch();
const context = await browser.newContext({viewport: {width, height}});
const page = await context.newPage();
page.setDefaultTimeout(TIMEOUT);
const errors = [];
page.on('pageerror', e => errors.push(String(e)));
const result = {size, scans: [], errors};

const shot = name => page.screenshot(
    {path: path.join(outdir, `scan-${width}x${height}-${name}.png`)});
const idle = () => page.waitForFunction(() => window.gold_idle(), null,
    {timeout: TIMEOUT, polling: 100});

// what the bill's form shows now
function state() {
    const form = document.querySelector('.tab-pane.active .form');
    const active = document.activeElement;
    const value = name => {
        const input = form.querySelector(`[name="${name}"]`);
        return input ? input.value : null;
    };
    const message = form.querySelector('[name="gold_scan_message"]');
    const rows = [...form.querySelectorAll(
        '.treeview tbody tr.row-tree, .treeview tbody tr')]
        .filter(r => r.offsetParent !== null && r.querySelector('td'));
    return {
        focus: active && active.getAttribute('name'),
        scan: value('gold_scan'),
        message: message && message.offsetParent !== null
            ? message.value || message.textContent : '',
        date: value('date'),
        lines: rows.map(r => [...r.querySelectorAll('td')]
            .map(td => td.innerText.trim()).filter(t => t).join(' | '))
            .filter(t => t),
        dialogs: [...document.querySelectorAll('.modal')]
            .filter(m => m.offsetParent !== null)
            .map(m => m.innerText.trim().slice(0, 300)),
    };
}

// in view: within the window, and within every scrolling box around it
function layout() {
    const form = document.querySelector('.tab-pane.active .form');
    const visible = el => {
        if (!el || el.offsetParent === null) {
            return false;
        }
        const box = el.getBoundingClientRect();
        if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight
                || box.right > window.innerWidth) {
            return false;
        }
        for (let p = el.parentElement; p && p !== document.body;
                p = p.parentElement) {
            const style = getComputedStyle(p);
            if (/(auto|scroll|hidden)/.test(style.overflowY + style.overflowX)) {
                const outer = p.getBoundingClientRect();
                if (box.top < outer.top - 1 || box.bottom > outer.bottom + 1
                        || box.left < outer.left - 1
                        || box.right > outer.right + 1) {
                    return false;
                }
            }
        }
        return true;
    };
    const rows = [...form.querySelectorAll('.treeview tbody tr')]
        .filter(r => r.offsetParent !== null && r.querySelector('td'));
    const last = rows[rows.length - 1];
    const amount = last && [...last.querySelectorAll('td')].reverse()
        .find(td => td.innerText.trim());
    const field = name => form.querySelector(`[name="${name}"]`);
    const pay = [...form.querySelectorAll('button')]
        .find(b => /^\s*Pay\s*$/i.test(b.innerText));
    return {
        last_line: visible(last),
        last_amount: visible(amount),
        total: visible(field('total')),
        to_pay: visible(field('amount_to_pay')),
        pay: visible(pay),
        page_scrolled: document.scrollingElement.scrollHeight
            > window.innerHeight + 1,
    };
}

try {
    await login(page, url, database, user, password);
    await watchIdle(page);
    await page.locator('#menu').getByText('Sales', {exact: true}).first()
        .click();
    await page.locator('#menu').getByText('POS Sales', {exact: true}).first()
        .click();
    await page.waitForSelector('button#new_:visible');
    await idle();
    const list = codes.split(',');
    await page.locator('button#new_:visible').first().click();
    // the scanner does not wait for the form
    for (const [i, code] of list.entries()) {
        await page.keyboard.type(code);
        await page.keyboard.press('Enter');
        // sao has answered the scan when Scan is empty again (the line
        // added, or the message shown) and nothing is in flight
        // and the code is on a line or in the message
        await page.waitForFunction(code => {
            const form = document.querySelector('.tab-pane.active .form');
            const input = form && form.querySelector(
                'input[name="gold_scan"]');
            if (!window.gold_idle() || !input || input.offsetParent === null
                    || input.value !== '') {
                return false;
            }
            const shown = [...form.querySelectorAll(
                '.treeview tbody td, [name="gold_scan_message"]')]
                .filter(e => e.offsetParent !== null)
                .map(e => (e.value || e.innerText || '').toUpperCase());
            return shown.some(t => t.includes(code.trim().toUpperCase()));
        }, code, {timeout: TIMEOUT, polling: 100});
        const now = await page.evaluate(state);
        now.code = code;
        result.scans.push(now);
        await shot(`${i + 1}`);
    }
    result.layout = await page.evaluate(layout);
} catch (error) {
    result.failure = String(error);
    await shot('failure').catch(() => {});
} finally {
    console.log(JSON.stringify(result));
    await browser.close();
}
