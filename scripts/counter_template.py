#!/usr/bin/env python3
"""Write modules/gold_sale_point/counter.fodt, the flat ODT template of the
counter's tax invoice, estimate and old gold voucher.

The template is plain relatorio: run this after changing the layout here,
or edit the .fodt in LibreOffice and stop using this script."""
import os
import pathlib

from odt import AUTOMATIC_STYLES, STYLES, Tables, document, p, ph

OUTPUT = pathlib.Path(os.environ.get(
    'OUT_DIR', pathlib.Path(__file__).resolve().parent.parent)) / (
    'modules/gold_sale_point/counter.fodt')


tables = Tables()
table = tables.table


def money(expr):
    return ph("format_number(%s, sale.company.party.lang, digits=2) if %s is not None else ''" % (expr, expr))

def weight(expr):
    return ph("format_number(%s, sale.company.party.lang, digits=3) if %s is not None else ''" % (expr, expr))

body = []
body.append(p(ph('for each="sale in records"')))
body.append(p(ph('sale.company.rec_name'), 'Title'))
body.append(p(ph("', '.join((sale.company.party.address_get().full_address if sale.company.party.address_get() else '').splitlines())")))
body.append(p('GSTIN: ' + ph("identifier(sale.company.party, 'in_vat')") + ' State: ' + ph('party_state(sale.company.party)')))
body.append(p(ph('document_title(sale)'), 'Heading'))
body.append(p('No. ' + ph("sale.number or ''") + ' Date: ' + ph('format_date(sale.date, sale.company.party.lang)')
    + ' Counter: ' + ph('sale.point.rec_name')))
body.append(p(ph('if test="document_kind(sale) == \'estimate\'"') + 'Estimate only, not a tax invoice: valid for ' + ph('format_date(sale.date, sale.company.party.lang)') + ' at the rates of the day.' + ph('/if')))
body.append(p(ph('if test="document_kind(sale) == \'credit_note\'"') + 'Against invoice: ' + ph("original_invoices(sale)") + ph('/if')))
body.append(p('Place of supply: ' + ph('place_of_supply(sale)') + ' Reverse charge: No'))
body.append(p('Customer: ' + ph("sale.party.rec_name if sale.party else ''"), 'Bold'))
body.append(p(ph("', '.join((sale.party.address_get().full_address if sale.party and sale.party.address_get() else '').splitlines())")
    + ph('if test="party_state(sale.party)"') + ' State: ' + ph('party_state(sale.party)') + ph('/if')))
body.append(p(ph("if test=\"identifier(sale.party, 'in_vat')\"") + 'GSTIN: ' + ph("identifier(sale.party, 'in_vat')") + ph('/if')
    + ' ' + ph('if test="buyer_pan(sale.party)"') + 'PAN: ' + ph('buyer_pan(sale.party)') + ph('/if')))

body.append(p(ph('if test="sale.lines"')))
# a line's piece, then its value: two tables of a row per line each, so
# that every figure has the room of a full amount
body.append(table('Lines',
    ['Item', 'HSN', 'Qty', 'Purity', 'HUID', 'Gross g', 'Stone g', 'Net g', 'Rate/g'],
    [ph("line.lot.number + ' ' if line.lot else ''") + ph('line.product.rec_name'),
     ph("line.product.gold_hsn_code or ''"), ph('quantity(line)'),
     ph("line.gold_purity.rec_name if line.gold_purity else (line.product.gold_purity.rec_name if line.product.gold_purity else '')"),
     ph("line.lot.gold_huid or '' if line.lot else ''"),
     weight('line.gold_gross_weight'), weight('line.gold_stone_weight'), weight('line.gold_net_weight'),
     money('line.gold_rate')],
    'line in sale.lines',
    [5.9, 1.3, 1.7, 1.7, 1.5, 1.7, 1.7, 1.7, 1.8]))
body.append(table('Values',
    ['Item', 'Metal', 'Making', 'Wastage', 'Stones', 'Hallmark', 'Discount', 'Deduction', 'Taxable'],
    [ph("line.lot.number if line.lot else line.product.rec_name"),
     money('line.gold_metal_value'), money('line.gold_making'), money('line.gold_wastage'),
     money('line.gold_stones'), money('line_hallmark(line)'), money('line.gold_discount_amount'),
     money('line.gold_return_deduction'),
     money('shown(sale, line_taxable(line))')],
    'line in sale.lines',
    [2.6, 2.05, 2.05, 2.05, 2.05, 2.05, 2.05, 2.05, 2.05]))
body.append(p(ph('if test="stone_rows(sale)"')))
body.append(table('Stones',
    ['Piece', 'Stone', 'Pieces', 'Carats', 'Rate', 'Per', 'Certificate', 'Value'],
    [ph('piece'), ph('kind'), ph("count if count is not None else ''"), weight('carats'),
     money('rate'), ph('per'), ph('certificate'), money('amount')],
    '(piece, kind, count, carats, rate, per, certificate, amount) in stone_rows(sale)',
    [2.4, 2.6, 1.3, 1.6, 2.3, 1.8, 4.8, 2.2]))
body.append(p(ph('/if')))
# a hallmark fee billed on its own: a service line with its SAC code, or
# collected outside GST for the hallmarking centre
body.append(p(ph('if test="charge_rows(sale)"')))
body.append(table('Charges', ['Charge', 'SAC', 'Value', 'GST'],
    [ph('charge'), ph('sac'), money('shown(sale, value)'), ph('gst')],
    '(charge, sac, value, gst) in charge_rows(sale)', [9, 2.5, 4, 3.5]))
body.append(p(ph('/if')))
body.append(table('Taxes', ['Tax', 'Taxable value', 'Amount'],
    [ph('tax.rec_name'), money('shown(sale, base)'), money('shown(sale, amount)')],
    '(tax, base, amount) in gst_lines(sale)', [11, 4, 4]))
# taxable value + taxes + round-off = the total, as posted; a credit note
# and a voucher print what they give back as positive amounts
body.append(p('Taxable value: ' + money('shown(sale, sale.gold_untaxed)') + '   Tax: '
    + money('shown(sale, sale.total_tax)') + ph('if test="sale.gold_outside_tax"')
    + '   Outside GST: ' + money('shown(sale, sale.gold_outside_tax)') + ph('/if')
    + ph('if test="sale.gold_round_off"')
    + '   Round off: ' + money('shown(sale, sale.gold_round_off)') + ph('/if')))
body.append(p('Total: ' + money('shown(sale, sale.total)'), 'Bold'))
body.append(p(ph('/if')))

body.append(p(ph('if test="sale.gold_old_lines"')))
body.append(p('Old gold received', 'Bold'))
body.append(table('OldGold',
    ['Description', 'Purity', 'Gross g', 'Stone g', 'Net g', 'Readings %', 'Used %', 'Loss %', 'Fine g', 'Rate/g', 'Value'],
    [ph('old.description'), ph('old.purity.rec_name'), weight('old.gross_weight'), weight('old.stone_weight'),
     weight('old.net_weight'), ph("', '.join('%s %s' % (r.method_string, r.purity) for r in old.readings)"),
     ph("old.tested_purity if old.tested_purity is not None else ''"), money('old.loss_percent'),
     weight('old.fine_weight'), money('old.rate'), money('old.amount')],
    'old in sale.gold_old_lines',
    [2.8, 1.5, 1.5, 1.5, 1.5, 2.6, 1.2, 1.1, 1.5, 1.8, 2.0]))
body.append(p('Old gold value: ' + money('sale.gold_old_amount'), 'Bold'))
body.append(p(ph('/if')))

body.append(p(ph('if test="sale.payments"')))
body.append(table('Payments', ['Payment', 'Reference', 'Amount'],
    [ph('payment.method.rec_name'), ph("' '.join(filter(None, [payment.gold_reference, payment.gold_bank]))"), money('shown(sale, payment.amount)')],
    'payment in sale.payments', [6, 9, 4]))
body.append(p(ph('/if')))
body.append(p(ph('if test="document_kind(sale) != \'voucher\' and sale.gold_old_lines"') + 'Balance after old gold: ' + money('sale.total - sale.gold_old_amount') + ph('/if')))
body.append(p(ph('amount_in_words(shown(sale, sale.total if document_kind(sale) != \'voucher\' else -sale.amount_to_pay if sale.state == \'open\' else sale.gold_old_amount))'), 'Bold'))
body.append(p(''))
body.append(p('For ' + ph('sale.company.rec_name'), 'Right'))
body.append(p(''))
body.append(p('Authorised Signatory', 'Right'))
body.append(p(ph('/for')))

AUTOMATIC_STYLES = AUTOMATIC_STYLES + tables.column_styles()

open(OUTPUT, 'w').write(document(
    'Gold POS counter template', '9pt', STYLES, AUTOMATIC_STYLES, body))
