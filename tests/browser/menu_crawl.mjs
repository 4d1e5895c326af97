// Open every menu entry the user sees in sao, as a user would click it, and
// report what failed. For each entry with an action: the tab (list, form,
// board) or the wizard's dialog must appear and finish loading; a list with
// records opens its first record in its form, which must not count as
// changed by opening it; the tab or dialog is then closed. A failure is a
// browser error (an exception in sao, a console error), an error dialog of
// sao, a view still loading after the timeout, or a record that asks to be
// saved when nothing was typed. Waits on sao's state (its "Processing"
// indicator, the tab's screen), never on a fixed time, so that a busy
// machine only runs slower.
// Prints JSON: {user, entries: [{name, kind, records, opened}], failures}.
// Usage: node menu_crawl.mjs URL DATABASE LOGIN PASSWORD SHOT_DIR
// MENU_FILTER (a regular expression of the entries' full names) limits the
// entries, to look at some of them again.
import { launch, login, watchIdle } from './sao.mjs';

const [url, database, user, password, shotDir] = process.argv.slice(2);
const TIMEOUT = 30000;
const browser = await launch();
const result = {user, entries: [], failures: []};
const errors = [];

class Failure extends Error {}

// what an action opens besides a tab: a wizard's dialog or an error's
const OPENED = '.wizard-dialog:visible, .error-dialog:visible,'
    + ' .user-error-dialog:visible';

// a new browser context, logged in; a login that meets no password
// dialog is tried again in a new context, twice (seen on a busy machine,
// cause not found)
async function open() {
    for (let i = 0; ; i++) {
        try {
            return await openOnce();
        } catch (error) {
            if (i >= 2) {
                throw error;
            }
        }
    }
}

async function openOnce() {
    const context = await browser.newContext(
        {viewport: {width: 1366, height: 768}});
    try {
        return await logIn(await context.newPage());
    } catch (error) {
        await context.close();
        throw error;
    }
}

async function logIn(page) {
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', error => errors.push(String(error)));
    page.on('console', message => {
        if (message.type() === 'error'
            // a failed RPC logs its HTTP status; the dialog tells the rest
            && !/Failed to load resource/.test(message.text())) {
            errors.push(message.text());
        }
    });
    await login(page, url, database, user, password);
    await watchIdle(page);
    return page;
}

// wait until fn (run in the page) is true; a timeout names the step
async function until(page, step, fn, arg) {
    try {
        await page.waitForFunction(fn, arg, {timeout: TIMEOUT});
    } catch (error) {
        throw new Failure(`${step}: nothing after ${TIMEOUT / 1000} s`);
    }
}

// sao's dialogs of an error, closed; their text or null
async function errorDialog(page) {
    const dialogs = page.locator(
        '.error-dialog:visible, .user-error-dialog:visible,'
        + ' .user-warning-dialog:visible, .concurrency-dialog:visible');
    if (await dialogs.count()) {
        const text = (await dialogs.first().innerText()).trim();
        await page.keyboard.press('Escape');
        return text;
    }
    return null;
}

const idle = () => window.gold_idle();

// the current tab's view is drawn and sao idle
const loaded = () => {
    const tab = Sao.Tab.tabs.get_current();
    if (!tab || !window.gold_idle()) {
        return false;
    }
    if (!tab.screen) {
        return true;  // a board
    }
    const view = tab.screen.current_view;
    return Boolean(view && view.el && view.el.is(':visible'));
};

// the wizard's Cancel (the button of its end state), as the user would,
// until the wizard is gone (sao ignores a click while the wizard waits on
// the server, as it does a user's)
async function cancelWizard(page, selector, gone) {
    const cancel = page.locator(`${selector} .modal-footer button`)
        .filter({hasText: /cancel|close/i});
    if (!await cancel.count()) {
        throw new Failure('the wizard has no Cancel');
    }
    for (let i = 0; i < 6; i++) {
        if (await cancel.count()) {
            await cancel.first().click().catch(() => {});
        }
        try {
            await page.waitForFunction(gone.fn, gone.arg, {timeout: 5000});
            return;
        } catch (error) {
            // click again
        }
    }
    throw new Failure('closing the wizard: still open after 30 s');
}

// visit the menu entry; an entry of several actions asks which: choice
async function visit(page, menu, entry, choice) {
    const tabs = await page.evaluate(() => Sao.Tab.tabs.length);
    // as a click on the entry; not awaited in the page: the promise of a
    // wizard ends with the wizard
    await page.evaluate(id => {
        Sao.Action.exec_keyword('tree_open', {
            model: 'ir.ui.menu', id: id, ids: [id]});
    }, menu.id);
    await until(page, 'opening', ([count, shown]) =>
        Sao.Tab.tabs.length > count || jQuery(shown).length,
        [tabs, `${OPENED}, .selection-dialog:visible`]);
    const selection = page.locator('.selection-dialog:visible');
    if (await selection.count()) {
        const options = selection.locator('input[type=radio]');
        entry.choices = await options.count();
        entry.action = (await selection.locator('label').nth(choice)
            .innerText()).trim();
        await options.nth(choice).check();
        await selection.locator('.modal-footer button.btn-primary').click();
        await until(page, 'opening the action', ([count, shown]) =>
            Sao.Tab.tabs.length > count || jQuery(shown).length,
            [tabs, OPENED]);
    }
    let error = await errorDialog(page);
    if (error) {
        throw new Failure(`error dialog: ${error}`);
    }
    if (await page.locator('.wizard-dialog:visible').count()) {
        entry.kind = 'wizard';
        await until(page, 'the wizard loading', idle);
        error = await errorDialog(page);
        if (error) {
            throw new Failure(`error dialog: ${error}`);
        }
        await cancelWizard(page, '.wizard-dialog:visible',
            {fn: () => !jQuery('.wizard-dialog:visible').length});
        entry.opened = true;
        return;
    }
    await until(page, 'the view loading', loaded);
    if (await page.evaluate(() => Boolean(Sao.Tab.tabs.get_current().wizard))) {
        // a wizard in a tab
        entry.kind = 'wizard';
        await until(page, 'the wizard loading', idle);
        await cancelWizard(page, '.wizard-form:visible',
            {fn: count => Sao.Tab.tabs.length <= count, arg: tabs});
        entry.opened = true;
        return;
    }
    entry.kind = await page.evaluate(() => {
        const tab = Sao.Tab.tabs.get_current();
        return tab.screen ? tab.screen.current_view.view_type : 'board';
    });
    error = await errorDialog(page);
    if (error) {
        throw new Failure(`error dialog: ${error}`);
    }
    if (entry.kind === 'tree') {
        entry.records = await page.evaluate(
            () => Sao.Tab.tabs.get_current().screen.group.length);
        // the action's views hold a form (some lists have none)
        const form = await page.evaluate(() => {
            const screen = Sao.Tab.tabs.get_current().screen;
            return screen.views.concat(screen.view_to_load).some(
                view => (view.view_type || view) === 'form');
        });
        if (entry.records && form) {
            // the first record in the form, as a double-click does
            await page.evaluate(() => {
                const screen = Sao.Tab.tabs.get_current().screen;
                screen.current_record = screen.group[0];
                window.gold_displayed = false;
                screen.switch_view('form').always(() => {
                    window.gold_displayed = true;
                });
            });
            await until(page, 'the form loading', () => window.gold_displayed
                && Sao.Tab.tabs.get_current().screen.current_view.view_type
                === 'form');
            await until(page, 'the form loading', loaded);
            error = await errorDialog(page);
            if (error) {
                throw new Failure(`error dialog in the form: ${error}`);
            }
        }
    }
    // what closing does first: the widgets' values back into the record
    const changed = await page.evaluate(() => {
        const screen = Sao.Tab.tabs.get_current().screen;
        if (!screen || !screen.current_record) {
            return [];
        }
        screen.current_view.set_value();
        const record = screen.current_record;
        return record.id >= 0 && record.modified
            ? Object.keys(record.modified_fields) : [];
    });
    if (changed.length) {
        throw new Failure(
            `opening the record changed it: ${changed.join(', ')}`);
    }
    entry.opened = true;
    await page.evaluate(() => {
        Sao.Tab.tabs.get_current().close();
    });
    await until(page, 'closing the tab',
        count => Sao.Tab.tabs.length <= count, tabs);
}

try {
    let page = await open();
    // The entries the user sees, as sao's menu reads them (the server
    // removes those of groups the user is not in)
    const filter = process.env.MENU_FILTER
        ? new RegExp(process.env.MENU_FILTER) : null;
    const menus = (await page.evaluate(() => Sao.rpc({
        method: 'model.ir.ui.menu.search_read',
        params: [[], 0, null, [['id', 'ASC']],
            ['id', 'complete_name', 'action'], {}],
    }, Sao.Session.current_session))).filter(menu => menu.action
        && (!filter || filter.test(menu.complete_name)));

    const visits = menus.map(menu => [menu, 0]);
    while (visits.length) {
        const [menu, choice] = visits.shift();
        const entry = {name: menu.complete_name, opened: false};
        result.entries.push(entry);
        const before = errors.length;
        let reason = null;
        try {
            await visit(page, menu, entry, choice);
            if (entry.choices && !choice) {
                for (let i = 1; i < entry.choices; i++) {
                    visits.unshift([menu, entry.choices - i]);
                }
            }
        } catch (error) {
            reason = error instanceof Failure ? error.message
                : String(error).split('\n')[0];
        }
        if (errors.length > before) {
            reason = (reason ? reason + '; ' : '')
                + `browser error: ${errors.slice(before).join(' | ')}`;
        }
        if (reason) {
            entry.opened = false;
            result.failures.push({menu: menu.complete_name
                + (entry.action ? ` (${entry.action})` : ''), reason});
            if (shotDir) {
                await page.screenshot(
                    {path: `${shotDir}/menu-${user}-${menu.id}.png`})
                    .catch(() => {});
            }
            // the next entry from a new session
            await page.context().close();
            page = await open();
        }
    }
} finally {
    await browser.close();
}
console.log(JSON.stringify(result));
