"""Shared pieces of the flat ODT (relatorio) templates written by
scripts/counter_template.py, scripts/closing_template.py and
scripts/label_template.py."""
from xml.sax.saxutils import escape

ROOT = '<office:document xmlns:css3t="http://www.w3.org/TR/css3-text/" xmlns:grddl="http://www.w3.org/2003/g/data-view#" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xforms="http://www.w3.org/2002/xforms" xmlns:dom="http://www.w3.org/2001/xml-events" xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0" xmlns:math="http://www.w3.org/1998/Math/MathML" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:ooo="http://openoffice.org/2004/office" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" xmlns:ooow="http://openoffice.org/2004/writer" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:drawooo="http://openoffice.org/2010/draw" xmlns:oooc="http://openoffice.org/2004/calc" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" xmlns:tableooo="http://openoffice.org/2009/table" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dr3d="urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0" xmlns:rpt="http://openoffice.org/2005/report" xmlns:formx="urn:openoffice:names:experimental:ooxml-odf-interop:xmlns:form:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" xmlns:officeooo="http://openoffice.org/2009/office" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:field="urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
{root}
 <office:meta><meta:generator>{generator}</meta:generator></office:meta>
{settings} <office:font-face-decls>
  <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="{font_size}"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph"/>
"""
SETTINGS = (' <office:settings><config:config-item-set '
    'config:name="ooo:view-settings"/></office:settings>\n')
MIDDLE = """ </office:styles>
 <office:automatic-styles>
"""
TAIL = """ </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="Page"/>
 </office:master-styles>
 <office:body>
  <office:text>
"""
END = """
  </office:text>
 </office:body>
</office:document>
"""


def ph(expr):
    "A relatorio placeholder: an expression or a directive"
    return ('<text:placeholder text:placeholder-type="text">&lt;%s&gt;'
        '</text:placeholder>' % escape(expr, {'"': '&quot;'}))


def p(content, style='Standard'):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, content)


def document(generator, font_size, styles, automatic_styles, body,
        settings=True):
    "Return the flat ODT of body with its paragraph and automatic styles"
    return (HEAD.format(root=ROOT, generator=generator, font_size=font_size,
            settings=SETTINGS if settings else '')
        + ''.join('  %s\n' % s for s in styles) + MIDDLE
        + ''.join('  %s\n' % s for s in automatic_styles) + TAIL
        + '\n'.join('   ' + b for b in body) + END)


def cell(content, style='Cell', pstyle='Small'):
    return ('<table:table-cell table:style-name="%s" '
        'office:value-type="string">%s</table:table-cell>'
        % (style, p(content, pstyle)))


def row(cells):
    return '<table:table-row>%s</table:table-row>' % ''.join(cells)


def directive_row(expr, ncols):
    return row([cell(ph(expr))] + [cell('') for _ in range(ncols - 1)])


class Tables:
    """The tables of a template, a row a loop's item, and the widths of
    their columns (cm), which must fill the page's width"""

    def __init__(self, width=19):
        self.width = width
        self.widths = {}

    def table(self, name, headers, body_cells, loop, widths=None):
        n = len(headers)
        out = ['<table:table table:name="%s" table:style-name="Table">'
            % name]
        if widths:
            assert (len(widths) == n
                and abs(sum(widths) - self.width) < 0.01), name
            self.widths[name] = widths
            for i in range(n):
                out.append('<table:table-column table:style-name="%s.%s"/>'
                    % (name, i))
        else:
            out.append('<table:table-column '
                'table:number-columns-repeated="%d"/>' % n)
        out.append('<table:table-header-rows>%s</table:table-header-rows>'
            % row([cell(escape(h), 'Head', 'SmallBold') for h in headers]))
        out.append(directive_row('for each="%s"' % loop, n))
        out.append(row([cell(c, 'Cell', 'SmallRight' if i else 'Small')
                    for i, c in enumerate(body_cells)]))
        out.append(directive_row('/for', n))
        out.append('</table:table>')
        return ''.join(out)

    def column_styles(self):
        return ['<style:style style:name="%s.%s" style:family="table-column">'
            '<style:table-column-properties style:column-width="%scm"/>'
            '</style:style>' % (name, i, width)
            for name, widths in self.widths.items()
            for i, width in enumerate(widths)]


# the paragraph styles of a printed document
STYLES = [
    '<style:style style:name="Bold" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>',
    '<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="15pt" fo:font-weight="bold"/></style:style>',
    '<style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="12pt" fo:font-weight="bold"/></style:style>',
    '<style:style style:name="Right" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-top="0.3cm"/></style:style>',
    '<style:style style:name="Small" style:family="paragraph"><style:text-properties fo:font-size="7pt"/></style:style>',
    '<style:style style:name="SmallRight" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties fo:font-size="7pt"/></style:style>',
    '<style:style style:name="SmallBold" style:family="paragraph"><style:text-properties fo:font-size="7pt" fo:font-weight="bold"/></style:style>',
    ]
# the tables' and an A4 page's automatic styles (1 cm margins: 19 cm wide)
AUTOMATIC_STYLES = [
    '<style:style style:name="Table" style:family="table"><style:table-properties style:width="19cm" table:align="margins" fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/></style:style>',
    '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="0.5pt solid #000000"/></style:style>',
    '<style:style style:name="Head" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:background-color="#e6e6e6" fo:border="0.5pt solid #000000"/></style:style>',
    '<style:page-layout style:name="Page"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1cm" fo:margin-right="1cm"/></style:page-layout>',
    ]
