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
    const db = page.locator('input#database:visible:not([readonly]), select#database:visible');
    if (await db.count()) {
        const tag = await db.first().evaluate(e => e.tagName);
        if (tag === 'SELECT') {
            await db.first().selectOption(database);
        } else {
            await db.first().fill(database);
        }
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
