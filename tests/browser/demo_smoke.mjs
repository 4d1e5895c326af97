// Drive sao in headless Chromium: log in to the demo database, open
// Jewellery > Tagged Pieces and read the priced list. Prints JSON.
// Usage: node demo_smoke.mjs URL DATABASE LOGIN PASSWORD SCREENSHOT
import { chromium } from 'playwright-core';

const [url, database, login, password, shot] = process.argv.slice(2);
const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update',
        '--disable-sync'],
});
const result = {};
try {
    const page = await browser.newPage({viewport: {width: 1400, height: 900}});
    await page.goto(url);
    await page.waitForSelector('#login', {timeout: 30000});
    // The database list loads after the dialog: a select when there are
    // several databases, an input (read-only when there is only one).
    const select = page.locator('select#database');
    const input = page.locator('input#database');
    for (let i = 0; i < 100; i++) {
        if (await select.isVisible() && await select.locator('option').count()) {
            await select.selectOption(database);
            break;
        }
        if (await input.isVisible()) {
            if (await input.isEditable()) {
                await input.fill(database);
            }
            break;
        }
        await page.waitForTimeout(100);
    }
    await page.fill('#login', login);
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[type=password]:visible', {timeout: 30000});
    await page.fill('input[type=password]:visible', password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#menu', {timeout: 60000});
    await page.getByText('Jewellery', {exact: true}).first().click();
    await page.getByText('Tagged Pieces', {exact: true}).first().click();
    await page.waitForSelector('.treeview tbody tr td:nth-child(3)', {timeout: 60000});
    await page.waitForTimeout(1500);
    result.headers = await page.locator('.treeview th:visible').allInnerTexts();
    result.rows = await page.locator('.treeview tbody tr:visible').evaluateAll(
        rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(
            td => td.innerText.trim())));
    // The record counter of the tab, e.g. "_/36"
    result.counters = await page.evaluate(() => Array.from(
        document.querySelectorAll('*')).filter(
        e => e.children.length === 0
            && /^\S*\/\d+$/.test(e.textContent.trim())).map(
        e => e.textContent.trim()));
    if (shot) {
        await page.screenshot({path: shot, fullPage: false});
    }
} catch (error) {
    if (shot) {
        const pages = browser.contexts().flatMap(c => c.pages());
        if (pages.length) {
            await pages[0].screenshot({path: shot.replace('.png', '-error.png')});
        }
    }
    throw error;
} finally {
    await browser.close();
}
console.log(JSON.stringify(result));
