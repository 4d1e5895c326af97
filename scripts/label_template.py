#!/usr/bin/env python3
"""Write modules/gold_product/label.fodt, the flat ODT template of the tag
labels: one 50 x 25 mm label a page, as thermal label printers take them,
with a QR code of the tag number (Tryton's qrcode report helper) and the
tag number, purity, gross and net weight and HUID printed beside it.

The template is plain relatorio: run this after changing the layout here,
or edit the .fodt in LibreOffice and stop using this script."""
import pathlib
import os

from odt import document, ph
from odt import p as _p

OUTPUT = pathlib.Path(os.environ.get(
    'OUT_DIR', pathlib.Path(__file__).resolve().parent.parent)) / (
    'modules/gold_product/label.fodt')


def p(content, style='Label'):
    return _p(content, style)


PIXEL = ('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4'
    'DwABBAEAcCBlCwAAAABJRU5ErkJggg==')
QR = ('<draw:frame draw:style-name="QR" draw:name="image: '
    'qrcode(label_code(lot), border=1)" text:anchor-type="as-char" '
    'svg:width="2cm" svg:height="2cm"><draw:image>'
    # a flat ODT embeds its images: a 1 x 1 PNG stands in for the QR code
    '<office:binary-data>' + PIXEL + '</office:binary-data>'
    '</draw:image></draw:frame>')

body = [
    p(ph('for each="lot in records"'), 'Loop'),
    '<table:table table:name="Label" table:style-name="Table">'
    '<table:table-column table:style-name="QRColumn"/>'
    '<table:table-column table:style-name="TextColumn"/>'
    '<table:table-row>'
    '<table:table-cell office:value-type="string">' + p(QR) + '</table:table-cell>'
    '<table:table-cell office:value-type="string">'
    + p(ph('lot.number'), 'Number')
    + p(ph("lot.gold_purity.rec_name if lot.gold_purity else ''"))
    + p('G ' + ph('weight(lot.gold_gross_weight)') + ' g')
    + p('N ' + ph('weight(lot.gold_net_weight)') + ' g')
    + p(ph("'HUID ' + lot.gold_huid if lot.gold_huid else ''"))
    + '</table:table-cell></table:table-row></table:table>',
    p(ph('/for'), 'Loop'),
    ]

STYLES = [
    '<style:style style:name="Label" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/></style:style>',
    '<style:style style:name="Number" style:family="paragraph"><style:text-properties fo:font-size="8pt" fo:font-weight="bold"/></style:style>',
    '<style:style style:name="Loop" style:family="paragraph"><style:text-properties fo:font-size="1pt"/></style:style>',
    ]
AUTOMATIC_STYLES = [
    '<style:style style:name="Table" style:family="table"><style:table-properties style:width="4.8cm" table:align="left" fo:break-before="page"/></style:style>',
    '<style:style style:name="QRColumn" style:family="table-column"><style:table-column-properties style:column-width="2.1cm"/></style:style>',
    '<style:style style:name="TextColumn" style:family="table-column"><style:table-column-properties style:column-width="2.7cm"/></style:style>',
    '<style:style style:name="QR" style:family="graphic"/>',
    '<style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="5cm" fo:page-height="2.5cm" fo:margin-top="0.1cm" fo:margin-bottom="0.1cm" fo:margin-left="0.1cm" fo:margin-right="0.1cm"/></style:page-layout>',
    ]

OUTPUT.write_text(document(
    'Gold POS tag label template', '6.5pt', STYLES, AUTOMATIC_STYLES, body,
    settings=False))
