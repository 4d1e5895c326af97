// The counter in sao, end to end, as the counter works it: log in, open a
// new bill on the counter, scan a tag, add old gold with a purity reading,
// pay with two methods (card, then the rest in cash), post, and download
// the GST tax invoice as PDF. Prints a JSON summary on its last line.
// Usage: node counter_flow.mjs URL DATABASE LOGIN PASSWORD TAG OUTDIR
import fs from 'fs';
import path from 'path';
import { launch, login } from './sao.mjs';

const [url, database, user, password, tag, outdir] = process.argv.slice(2);
const browser = await launch();
const result = {steps: []};
const context = await browser.newContext({
    viewport: {width: 1400, height: 1000}, acceptDownloads: true});
const page = await context.newPage();
const errors = [];
page.on('pageerror', e => errors.push(String(e)));
// the last calls sent to the server, to name what a failure did
const calls = [];
page.on('request', request => {
    if (request.method() !== 'POST') return;
    try {
        const body = JSON.parse(request.postData() || '{}');
        calls.push(body.method);
        calls.splice(0, Math.max(0, calls.length - 20));
    } catch (e) {}
});

function step(name) {
    result.steps.push(name);
    console.error('step:', name);
}

async function shot(name) {
    await page.screenshot({path: path.join(outdir, `counter-${name}.png`)});
}

// sao shows a busy indicator while a request runs
async function idle() {
    await page.waitForTimeout(300);
    await page.waitForFunction(
        () => !document.querySelector('#processing:not([style*="none"])')
            || getComputedStyle(document.querySelector('#processing')).display === 'none',
        null, {timeout: 30000}).catch(() => {});
    await page.waitForTimeout(300);
}

// The form of the current tab
const form = () => page.locator('.tab-pane.active .form').first();

async function typeField(scope, name, value, {enter = false} = {}) {
    const input = scope.locator(`input[name="${name}"]:visible`).first();
    await input.click();
    await input.fill(value);
    await input.press(enter ? 'Enter' : 'Tab');
    await idle();
}

// A Many2One typed and left opens sao's search window with the text:
// pick its one match
async function typeRecord(scope, name, value) {
    await typeField(scope, name, value);
    const dialog = page.locator('.modal.in:visible, .modal.show:visible').last();
    if (await dialog.count()) {
        await dialog.locator('.treeview tbody tr').first().click();
        await dialog.locator('button', {hasText: /^\s*OK\s*$/i}).click();
        await idle();
    }
}

// A Many2One that holds a record is cleared by a key typed in it (sao
// drops the record on the first key), then typed and left as above
async function replaceRecord(scope, name, value) {
    const input = scope.locator(`input[name="${name}"]:visible`).first();
    await input.click();
    await input.press('End');
    await input.press('Backspace');
    await idle();
    await input.fill('');
    await input.pressSequentially(value);
    await input.press('Tab');
    await idle();
    const dialog = page.locator('.modal.in:visible, .modal.show:visible').last();
    if (await dialog.count()) {
        await dialog.locator('.treeview tbody tr').first().click();
        await dialog.locator('button', {hasText: /^\s*OK\s*$/i}).click();
        await idle();
    }
}

async function chooseOption(scope, name, label) {
    await scope.locator(`select[name="${name}"]:visible`).first()
        .selectOption({label});
    await idle();
}

try {
    step('log in');
    await login(page, url, database, user, password);

    step('open the counter');
    await page.locator('#menu').getByText('Sales', {exact: true}).first().click();
    await page.locator('#menu').getByText('POS Sales', {exact: true}).first().click();
    await page.waitForSelector('button#new_:visible', {timeout: 30000});
    await idle();
    await page.locator('button#new_:visible').first().click();
    await page.waitForSelector('.tab-pane.active input[name="gold_scan"]',
        {timeout: 30000});
    await idle();
    await shot('1-new');
    result.point = await form().locator('input[name="point"]').inputValue();
    result.party = await form().locator('input[name="party"]').inputValue();

    step('scan a tag');
    await typeField(form(), 'gold_scan', tag, {enter: true});
    await page.waitForFunction(
        t => [...document.querySelectorAll('.tab-pane.active .treeview td')]
            .some(td => td.innerText.includes(t)), tag, {timeout: 30000});
    await shot('2-scanned');
    result.lines = await form().locator('.treeview tbody tr:visible').first()
        .evaluateAll(rows => rows.map(r => [...r.querySelectorAll('td')]
            .map(td => td.innerText.trim()).filter(t => t)));

    // a bill of 50,000 or more names its customer with address and state
    // (CGST rule 46(e)): the walk-in customer is replaced
    step('name the customer');
    await replaceRecord(form(), 'party', 'Ananya Iyer');
    result.customer = await form().locator('input[name="party"]').inputValue();

    step('add old gold');
    await form().locator('a[role="tab"]').filter({hasText: 'Old Gold'}).click();
    await idle();
    const oldPage = form().locator('.tab-pane.active').filter(
        {has: page.locator('.form-one2many-string', {hasText: 'Old Gold'})}).last();
    await oldPage.locator('button[title="New"]').first().click();
    await idle();
    await typeField(oldPage, 'description', 'Old chain');
    await typeRecord(oldPage, 'purity', '22K916');
    await typeField(oldPage, 'gross_weight', '5.000');
    await shot('3-old-list');
    // the readings are entered in the form of the old gold line
    await oldPage.locator('button[title="Switch"]').first().click();
    await idle();
    await shot('3-old-form');
    await oldPage.locator('button[title="New"]').last().click();
    await idle();
    await typeField(oldPage.locator('.treeview'), 'purity', '91.60');
    await idle();
    await shot('4-old-gold');
    result.old_gold = {};
    for (const name of ['net_weight', 'tested_purity', 'fine_weight', 'rate',
            'amount']) {
        result.old_gold[name] = await oldPage.locator(
            `input[name="${name}"]`).first().inputValue();
    }

    // the bill's amounts as the form computed them, before saving
    await form().locator('a[role="tab"]').filter({hasText: 'Sale'}).click();
    await idle();
    const amounts = async () => {
        const values = {};
        for (const name of ['total', 'gold_old_amount', 'amount_to_pay']) {
            values[name] = await form().locator(
                `input[name="${name}"]`).first().inputValue();
        }
        return values;
    };
    result.amounts_form = await amounts();

    step('save');
    await page.locator('button#save:visible').first().click();
    await idle();
    await form().locator('a[role="tab"]').filter({hasText: 'Sale'}).click();
    await idle();
    result.amounts = await amounts();
    await shot('5-saved');

    step('pay with two methods');
    await form().locator('button', {hasText: /^\s*Pay\s*$/i}).click();
    await idle();
    let dialog = page.locator('.modal.in:visible, .modal.show:visible').last();
    await dialog.locator('input[name="amount"]:visible').first().waitFor({timeout: 30000});
    const due = await dialog.locator('input[name="amount"]:visible').first().inputValue();
    result.due = due;
    await chooseOption(dialog, 'method', 'Card');
    await typeField(dialog, 'amount', '10000.00');
    await typeField(dialog, 'gold_reference', 'AP1234');
    await shot('6-card');
    await dialog.locator('button', {hasText: /^\s*OK\s*$/i}).click();
    await idle();
    dialog = page.locator('.modal.in:visible, .modal.show:visible').last();
    await dialog.locator('input[name="amount"]:visible').first().waitFor({timeout: 30000});
    result.rest = await dialog.locator('input[name="amount"]:visible').first().inputValue();
    await chooseOption(dialog, 'method', 'Cash');
    await shot('7-cash');
    await dialog.locator('button', {hasText: /^\s*OK\s*$/i}).click();
    await idle();
    // the pay window closed and the paid bill shown again, before Post: a
    // click on a closing window or a bill being reloaded goes astray on a
    // loaded machine
    await page.waitForFunction(() => !document.querySelector(
            '.modal.in, .modal.show') && [...document.querySelectorAll(
            '.tab-pane.active select[name="state"]')].some(
            s => s.value.includes('done')), null, {timeout: 120000});
    await idle();
    result.state_paid = await form().locator('select[name="state"], input[name="state"]').first().inputValue();

    step('post');
    await form().locator('button', {hasText: /^\s*Post\s*$/i}).click();
    await idle();
    // "Are you sure you want to post the sales?"
    await page.locator('.modal.in:visible, .modal.show:visible',
            {hasText: /post/i}).last()
        .locator('button', {hasText: /^\s*OK\s*$/i}).click();
    await page.waitForFunction(() => [...document.querySelectorAll(
            '.tab-pane.active select[name="state"]')].some(
            s => s.value.includes('posted')), null, {timeout: 120000});
    await idle();
    result.state = await form().locator('select[name="state"], input[name="state"]').first().inputValue();
    result.number = await form().locator('input[name="number"]').inputValue();
    await shot('8-posted');

    step('download the invoice');
    await page.locator('button#print:visible').first().click();
    const download = page.waitForEvent('download', {timeout: 120000});
    await page.locator('a[role="menuitem"]:visible', {hasText: 'GST Tax Invoice'}).click();
    const file = await download;
    const pdf = path.join(outdir, 'counter-invoice.pdf');
    await file.saveAs(pdf);
    result.invoice = {name: file.suggestedFilename(), path: pdf,
        size: fs.statSync(pdf).size};
    fs.writeFileSync(path.join(outdir, 'counter-form.html'),
        await form().innerHTML());
} catch (error) {
    result.error = String(error);
    // what sao showed: an error or warning dialog names the server's refusal
    result.dialogs = await page.locator('.modal:visible').allInnerTexts()
        .catch(() => []);
    await shot('error').catch(() => {});
    process.exitCode = 1;
} finally {
    result.errors = errors;
    result.calls = calls;
    await browser.close();
}
console.log(JSON.stringify(result));
