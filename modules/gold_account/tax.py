"""The GST head of a tax: which of CGST, SGST and IGST it is, so that the
registers and returns split a bill's GST as the law names it."""
from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Bool, Eval

GST_HEADS = [
    (None, ""),
    ('cgst', "CGST"),
    ('sgst', "SGST"),
    ('igst', "IGST"),
    ('cess', "Cess"),
    ]


class TaxTemplate(metaclass=PoolMeta):
    __name__ = 'account.tax.template'

    gst_head = fields.Selection(
        GST_HEADS, "GST Head",
        help="The head of GST the tax is: registers and returns report "
        "each head in its own column.")

    def _get_tax_value(self, tax=None):
        value = super()._get_tax_value(tax=tax)
        if not tax or tax.gst_head != self.gst_head:
            value['gst_head'] = self.gst_head
        return value


class Tax(metaclass=PoolMeta):
    __name__ = 'account.tax'

    gst_head = fields.Selection(
        GST_HEADS, "GST Head",
        states={
            'readonly': (Bool(Eval('template', -1))
                & ~Eval('template_override', False)),
            },
        help="The head of GST the tax is: registers and returns report "
        "each head in its own column.")
