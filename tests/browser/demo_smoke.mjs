// Drive sao in headless Chromium: log in to the demo database, open
// Jewellery > Tagged Pieces and read the priced list. Prints JSON.
// Usage: node demo_smoke.mjs URL DATABASE LOGIN PASSWORD SCREENSHOT
import { launch, login } from './sao.mjs';

const [url, database, user, password, shot] = process.argv.slice(2);
const browser = await launch();
const result = {};
try {
    const page = await browser.newPage({viewport: {width: 1400, height: 900}});
    await login(page, url, database, user, password);
    await page.getByText('Jewellery', {exact: true}).first().click();
    await page.getByText('Tagged Pieces', {exact: true}).first().click();
    // the pieces' rows, loaded (their tag numbers SJ...)
    await page.waitForFunction(() => Array.from(
        document.querySelectorAll('.treeview tbody tr td')).filter(
        td => /^SJ\d+/.test(td.innerText.trim())).length >= 15,
        null, {timeout: 60000});
    // and the tab's record counter (e.g. "_/36"), drawn after the rows
    await page.waitForFunction(() => Array.from(
        document.querySelectorAll('*')).some(
        e => e.children.length === 0
            && /^\S*\/[1-9]\d*$/.test(e.textContent.trim())),
        null, {timeout: 60000});
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
