/* The shop's additions to the sao web client, loaded by sao's index.html
   (custom.js in the web client's folder: scripts/demo copies this file
   there; doc/deployment.md says so for production).

   A barcode scanner types a code and Enter as fast as a keyboard can, and
   does not wait for the screen: a cashier who clicks New on a counter bill
   and scans at once sends the code before sao has drawn the new bill
   (sao asks the server for the bill's defaults first). Those keys would be
   lost, and the Enter would press the focused New button again. Keys typed
   while the focus is on no field of a counter bill's tab are kept, and
   typed into the bill's Scan field when it gets the cursor, within a few
   seconds; the form's cursor is on Scan (the bill's form view). A key
   typed in a field, or with Ctrl, Alt or Meta, is never touched.

   A scan that adds a line scrolls the bill's lines to it: the list stops
   growing at the screen's height (custom.css). */
(function() {
    'use strict';
    var MODEL = 'sale.point.sale';
    var FIELD = 'gold_scan';
    var KEEP = 5000;  // milliseconds a kept key waits for the field
    var keys = [];
    var since = 0;

    function editable(element) {
        return element && (element.isContentEditable
            || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
    }

    function on_bill_tab() {
        var tab = window.Sao && Sao.Tab && Sao.Tab.tabs
            && Sao.Tab.tabs.get_current();
        return Boolean(tab && tab.screen && tab.screen.model_name == MODEL);
    }

    document.addEventListener('keydown', function(event) {
        if (event.ctrlKey || event.altKey || event.metaKey
                || editable(document.activeElement) || !on_bill_tab()) {
            return;
        }
        if (Date.now() - since > KEEP) {
            keys = [];
        }
        var printable = event.key.length == 1;
        // an Enter that ends a code kept, not one on its own
        if (!printable && !(event.key == 'Enter' && keys.length)) {
            return;
        }
        keys.push(event.key);
        since = Date.now();
        event.preventDefault();
        event.stopImmediatePropagation();
    }, true);

    // the bill's lines, as the form shows them
    function lines(form) {
        return form.find('.form-one2many-content .treeview').first();
    }

    function rows(form) {
        return lines(form).find('tbody tr').filter(function() {
            return this.offsetParent !== null && jQuery(this).find('td').length;
        }).length;
    }

    // a scan answered with a new line: scroll the lines to show it
    function follow(input) {
        var form = jQuery(input).closest('.form');
        var before = rows(form);
        var tries = 0;
        var timer = setInterval(function() {
            var count = rows(form);
            if (count > before || ++tries > 100 || !input.isConnected) {
                clearInterval(timer);
                var list = lines(form)[0];
                if (list && count > before) {
                    list.scrollTop = list.scrollHeight;
                }
            }
        }, 100);
    }

    document.addEventListener('change', function(event) {
        if (event.target.name == FIELD && event.target.value) {
            follow(event.target);
        }
    }, true);

    document.addEventListener('focusin', function(event) {
        var input = event.target;
        if (!keys.length) {
            return;
        }
        var kept = keys;
        keys = [];
        if (Date.now() - since > KEEP || input.name != FIELD) {
            return;
        }
        var enter = kept.indexOf('Enter') >= 0;
        input.value += kept.filter(function(key) {
            return key != 'Enter';
        }).join('');
        if (enter) {
            // as the Enter key does: sao reads the field on its change
            follow(input);
            jQuery(input).trigger('change');
        }
    }, true);
}());
