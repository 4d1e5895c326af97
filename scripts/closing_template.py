#!/usr/bin/env python3
"""Write modules/gold_report/closing.fodt, the flat ODT template of the
day-end closing (gold_report's closing.py gives it `closing`).

The template is plain relatorio: run this after changing the layout here,
or edit the .fodt in LibreOffice and stop using this script."""
import os
import pathlib

from odt import AUTOMATIC_STYLES, STYLES, Tables, document, p, ph

OUTPUT = pathlib.Path(os.environ.get(
    'OUT_DIR', pathlib.Path(__file__).resolve().parent.parent)) / (
    'modules/gold_report/closing.fodt')
LANG = 'closing.company.party.lang'

tables = Tables()
table = tables.table


def number(expr, digits):
    return ph(f"format_number({expr}, {LANG}, digits={digits}) "
        f"if {expr} is not None else ''")


def money(expr):
    return number(expr, 2)


def weight(expr):
    return number(expr, 3)


body = [
    p(ph('closing.company.rec_name'), 'Title'),
    p('DAY-END CLOSING', 'Heading'),
    p('Date: ' + ph(f'format_date(closing.date, {LANG})')
        + '   Counter: ' + ph("closing.point.rec_name if closing.point "
            "else 'All counters'")
        + '   Printed: ' + ph(f'format_datetime(closing.printed_at, {LANG})')),
    p('Board rates of the day', 'Bold'),
    p(ph('if test="not closing.rates"') + 'No rate was entered for the day.'
        + ph('/if')),
    p(ph('if test="closing.rates"')),
    table('Rates', ['Purity', 'From', 'Sell / g', 'Buy / g'],
        [ph('r.purity.rec_name'), ph('r.time'), money('r.sell'),
            money('r.buy')],
        'r in closing.rates', [7, 4, 4, 4]),
    p(ph('/if')),
    p('Sales', 'Bold'),
    table('Sales',
        ['Bills', 'Returns', 'Pieces', 'Net g', 'Fine g', 'Sales',
            'Refunds'],
        [ph('closing.bills'), ph('closing.returns'), ph('t.pieces'),
            weight('t.net_weight'), weight('t.fine_weight'),
            money('closing.sales'), money('closing.refunds')],
        't in [closing.totals]', [2, 2, 2, 3, 3, 3.5, 3.5]),
    table('Taxes',
        ['Taxable value', 'CGST', 'SGST', 'IGST', 'Round off',
            'Outside GST', 'Total'],
        [money('t.taxable'), money('t.cgst'), money('t.sgst'),
            money('t.igst'), money('t.round_off'), money('t.outside_tax'),
            money('t.total')],
        't in [closing.totals]', [3, 2.5, 2.5, 2.5, 2.5, 2.5, 3.5]),
    p(ph('if test="closing.purities"')),
    p('Sales by purity', 'Bold'),
    table('Purities',
        ['Purity', 'Bills', 'Pieces', 'Net g', 'Fine g', 'Net sales', 'GST'],
        [ph("g.purity.rec_name if g.purity else 'Other'"), ph('g.bills'),
            ph('int(g.pieces)'), weight('g.net_weight'),
            weight('g.fine_weight'), money('g.net_sales'), money('g.tax')],
        'g in closing.purities', [4, 2, 2, 2.5, 2.5, 3.5, 2.5]),
    p(ph('/if')),
    p('Old gold bought', 'Bold'),
    p(ph('if test="not closing.old_gold"') + 'None.' + ph('/if')),
    p(ph('if test="closing.old_gold"')),
    table('OldGold', ['Purity', 'Entries', 'Gross g', 'Value'],
        [ph('o.purity.rec_name'), ph('o.count'), weight('o.gross_weight'),
            money('o.amount')],
        'o in closing.old_gold', [7, 3, 4, 5]),
    p(ph('/if')),
    p('Payments by method', 'Bold'),
    table('Payments', ['Method', 'Payments', 'Amount'],
        [ph('m.method.rec_name'), ph('m.count'), money('m.amount')],
        'm in closing.payments', [9, 4, 6]),
    p('Cash sessions', 'Bold'),
    p(ph('if test="not closing.sessions"') + 'No cash was taken.'
        + ph('/if')),
    p(ph('if test="closing.sessions"')),
    table('Sessions',
        ['Session', 'State', 'Start', 'Cash received', 'Banked',
            'Expected', 'Counted', 'Difference'],
        [ph("'%s #%s' % (s.point.rec_name, s.session.id)"), ph('s.state'),
            money('s.start'), money('s.received'), money('s.transfers'),
            money('s.expected'), money('s.counted'),
            money('s.difference')],
        's in closing.sessions',
        [3.5, 1.5, 2.2, 2.4, 2.2, 2.4, 2.4, 2.4]),
    p(ph('/if')),
    p(''),
    p('Cashier: ____________________      '
        'Manager: ____________________', 'Right'),
    ]

open(OUTPUT, 'w').write(document(
    'Gold POS day-end closing template', '9pt', STYLES,
    AUTOMATIC_STYLES + tables.column_styles(), body))
