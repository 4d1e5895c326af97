#!/usr/bin/env python3
"""Write modules/gold_product/label.fodt, the flat ODT template of the tag
labels: one 50 x 25 mm label a page, as thermal label printers take them,
with a QR code of the tag number (Tryton's qrcode report helper) and the
tag number, purity, gross and net weight and HUID printed beside it.

The template is plain relatorio: run this after changing the layout here,
or edit the .fodt in LibreOffice and stop using this script."""
import pathlib
from xml.sax.saxutils import escape

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / (
    'modules/gold_product/label.fodt')


def ph(expr):
    return ('<text:placeholder text:placeholder-type="text">&lt;%s&gt;'
        '</text:placeholder>' % escape(expr, {'"': '&quot;'}))


def p(content, style='Label'):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, content)


QR = ('<draw:frame draw:style-name="QR" draw:name="image: '
    'qrcode(label_code(lot), border=1)" text:anchor-type="as-char" '
    'svg:width="2cm" svg:height="2cm"><draw:image/></draw:frame>')

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
    + p('G ' + ph('weight(lot.gross_weight)') + ' g')
    + p('N ' + ph('weight(lot.net_weight)') + ' g')
    + p(ph("'HUID ' + lot.huid if lot.huid else ''"))
    + '</table:table-cell></table:table-row></table:table>',
    p(ph('/for'), 'Loop'),
    ]

doc = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><meta:generator>Gold POS tag label template</meta:generator></office:meta>
 <office:font-face-decls>
  <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="6.5pt"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Label" style:family="paragraph"><style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/></style:style>
  <style:style style:name="Number" style:family="paragraph"><style:text-properties fo:font-size="8pt" fo:font-weight="bold"/></style:style>
  <style:style style:name="Loop" style:family="paragraph"><style:text-properties fo:font-size="1pt"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="Table" style:family="table"><style:table-properties style:width="4.8cm" table:align="left" fo:break-before="page"/></style:style>
  <style:style style:name="QRColumn" style:family="table-column"><style:table-column-properties style:column-width="2.1cm"/></style:style>
  <style:style style:name="TextColumn" style:family="table-column"><style:table-column-properties style:column-width="2.7cm"/></style:style>
  <style:style style:name="QR" style:family="graphic"/>
  <style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="5cm" fo:page-height="2.5cm" fo:margin-top="0.1cm" fo:margin-bottom="0.1cm" fo:margin-left="0.1cm" fo:margin-right="0.1cm"/></style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="Page"/>
 </office:master-styles>
 <office:body>
  <office:text>
''' + '\n'.join('   ' + b for b in body) + '''
  </office:text>
 </office:body>
</office:document>
'''
OUTPUT.write_text(doc)
