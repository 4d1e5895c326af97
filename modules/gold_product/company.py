from decimal import Decimal

from trytond.model import fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval

from .pricing import (
    HALLMARK_MODES, ROUNDING_METHODS, ROUNDING_PRECISIONS, ROUNDING_SCOPES,
    TAX_ROUNDINGS, WEIGHT_BASES, Rounding)
from .product import tax_terms


class Company(metaclass=PoolMeta):
    __name__ = 'company.company'

    gold_rounding_scope = fields.Selection(
        list(ROUNDING_SCOPES.items()), "Rounding Scope",
        help="Round each price component or only the total of a piece.")
    gold_rounding_precision = fields.Selection(
        [(k, k) for k in ROUNDING_PRECISIONS], "Rounding Precision",
        sort=False)
    gold_rounding_method = fields.Selection(
        [(k, v[0]) for k, v in ROUNDING_METHODS.items()], "Rounding Method",
        sort=False,
        help="Up rounds towards plus infinity, down towards minus infinity "
        "and truncate towards zero.")
    gold_rounding_taxes = fields.Selection(
        list(TAX_ROUNDINGS.items()), "Tax Rounding", sort=False,
        help="Round each tax on its own (CGST and SGST each), or a tax's "
        "children once as one amount (GST 3%) split among them in proportion "
        "to their rates, an odd paisa to the first (CGST).")
    gold_hallmark_mode = fields.Selection(
        list(HALLMARK_MODES.items()), "Hallmark Fee", sort=False,
        help="How a piece's hallmark fee is billed, unless its product says "
        "otherwise: as part of the piece's taxable value (GST at the "
        "jewellery rate), as a hallmarking service with its own tax and SAC "
        "code on its own invoice line, or outside GST, collected for the "
        "hallmarking centre.")
    gold_hallmark_tax = fields.Many2One(
        'account.tax', "Hallmark Service Tax", ondelete='RESTRICT',
        domain=[
            ('company', '=', Eval('id', -1)),
            ('parent', '=', None),
            ],
        help="The tax of the hallmark fee billed as a service (GST 18%).")
    gold_hallmark_sac = fields.Char(
        "Hallmark SAC", size=8,
        help="The services accounting code printed on the hallmark fee's "
        "invoice line.")
    gold_weight_basis = fields.Selection(
        list(WEIGHT_BASES.items()), "Weight Basis",
        help="The weight the metal value is computed on, "
        "unless the product says otherwise.")

    @classmethod
    def default_gold_rounding_scope(cls):
        return 'total'

    @classmethod
    def default_gold_rounding_precision(cls):
        return '0.01'

    @classmethod
    def default_gold_rounding_method(cls):
        return 'half_up'

    @classmethod
    def default_gold_rounding_taxes(cls):
        return 'each'

    @classmethod
    def default_gold_hallmark_mode(cls):
        return 'taxable'

    @classmethod
    def default_gold_hallmark_sac(cls):
        # technical testing and analysis services
        return '998346'

    def gold_hallmark_terms(self, taxes=None, date=None):
        """The pricing core's terms of the hallmark service tax (or of
        taxes, the same at another place of supply) on the date"""
        Date = Pool().get('ir.date')
        if taxes is None:
            taxes = [self.gold_hallmark_tax] if self.gold_hallmark_tax else []
        return tax_terms(taxes, date or Date.today())

    @classmethod
    def default_gold_weight_basis(cls):
        return 'net'

    def gold_state(self, address=None):
        """The state (subdivision) of a place of the company's: address (a
        counter's, a warehouse's), else the company's own address; the
        place of supply of the counter's bills and of its purchases"""
        if not address:
            address = self.party.address_get()
        return address.subdivision if address else None

    @property
    def gold_rounding(self):
        "The rounding policy of the pricing core"
        return Rounding(
            scope=self.gold_rounding_scope or 'total',
            precision=Decimal(self.gold_rounding_precision or '0.01'),
            method=self.gold_rounding_method or 'half_up',
            taxes=self.gold_rounding_taxes or 'each')
