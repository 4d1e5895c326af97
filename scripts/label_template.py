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
    + p('G ' + ph('weight(lot.gross_weight)') + ' g')
    + p('N ' + ph('weight(lot.net_weight)') + ' g')
    + p(ph("'HUID ' + lot.huid if lot.huid else ''"))
    + '</table:table-cell></table:table-row></table:table>',
    p(ph('/for'), 'Loop'),
    ]

doc = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:css3t="http://www.w3.org/TR/css3-text/" xmlns:grddl="http://www.w3.org/2003/g/data-view#" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xforms="http://www.w3.org/2002/xforms" xmlns:dom="http://www.w3.org/2001/xml-events" xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0" xmlns:math="http://www.w3.org/1998/Math/MathML" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:ooo="http://openoffice.org/2004/office" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" xmlns:ooow="http://openoffice.org/2004/writer" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:drawooo="http://openoffice.org/2010/draw" xmlns:oooc="http://openoffice.org/2004/calc" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:tableooo="http://openoffice.org/2009/table" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dr3d="urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0" xmlns:rpt="http://openoffice.org/2005/report" xmlns:formx="urn:openoffice:names:experimental:ooxml-odf-interop:xmlns:form:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" xmlns:officeooo="http://openoffice.org/2009/office" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:field="urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
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
